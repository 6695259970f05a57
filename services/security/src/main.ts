import './tracing.js';
import { closeOnSignals } from '@ops/service-kit';
import { startSecurity } from './index.js';

closeOnSignals(await startSecurity());
