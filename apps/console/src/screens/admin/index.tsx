export { Audit } from './Audit';
export { Users } from './Users';
