import './tracing.js';
import { closeOnSignals } from '@ops/service-kit';
import { startFinance } from './index.js';

closeOnSignals(await startFinance());
