import './tracing.js';
import { closeOnSignals } from '@ops/service-kit';
import { startGateway } from './index.js';

closeOnSignals(await startGateway());
