/** What a long poll of finance waits for (see ChangeFeed): the order's account opened. */
export const orderAccountOpened = (orderId: string) => `order-account:${orderId}`;
