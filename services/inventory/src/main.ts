import './tracing.js';
import { closeOnSignals } from '@ops/service-kit';
import { startInventory } from './index.js';

closeOnSignals(await startInventory());
