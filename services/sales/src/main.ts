import './tracing.js';
import { closeOnSignals } from '@ops/service-kit';
import { startSales } from './index.js';

closeOnSignals(await startSales());
