import { TAX_ID } from '@ops/contracts';
import { env, readEnvironment } from '@ops/service-kit';
import type { Seller } from '../domain/invoice.js';

/** The injection token of the issuing company's details. */
export const SELLER = Symbol('seller');

/**
 * The company printed as the seller on every invoice, from the finance service's environment; the defaults
 * are the demo company's. Each invoice keeps a copy, so a later change never alters an issued one.
 */
export function sellerFromEnvironment(variables: NodeJS.ProcessEnv = process.env): Seller {
  const v = readEnvironment('finance', {
    SELLER_NAME: env.text('示例贸易有限公司 (Demo Trading Co., Ltd.)'),
    SELLER_TAX_ID: env.text('91310000MA1FL8XQ30', TAX_ID, 'an 18-character unified social credit code'),
    SELLER_ADDRESS: env.text('上海市浦东新区示例路 1 号 021-5555 0100'),
    SELLER_BANK_ACCOUNT: env.text('中国工商银行上海分行 1001 0000 0000 0000 001'),
  }, variables);
  return { name: v.SELLER_NAME, taxId: v.SELLER_TAX_ID, address: v.SELLER_ADDRESS, bankAccount: v.SELLER_BANK_ACCOUNT };
}
