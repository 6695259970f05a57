import { Controller, Injectable, Post } from '@nestjs/common';
import { CATALOGS, FinanceCatalog, SalesCatalog, SERVICE_NAMES, allOperations, type Operation, type ServiceName } from '@ops/contracts';
import { FINANCE_HANDLERS } from '@ops/finance';
import { gatewayControllers, OperationRoute, routeProblems } from '@ops/gateway';
import { INVENTORY_HANDLERS } from '@ops/inventory';
import { SALES_HANDLERS } from '@ops/sales';
import { SECURITY_HANDLERS } from '@ops/security';
import { ACCESS_METADATA, catalogProblems, Handles, handledNames } from '@ops/service-kit';
import { SetMetadata } from '@nestjs/common';

const HANDLERS: Record<ServiceName, readonly Function[]> = { sales: SALES_HANDLERS, finance: FINANCE_HANDLERS, inventory: INVENTORY_HANDLERS, security: SECURITY_HANDLERS };

/**
 * The catalogue is the one place a command is declared: each service must handle exactly its entries,
 * and the gateway must route exactly them, at the method and path each entry gives.
 */
describe('catalogues', () => {
  it.each(SERVICE_NAMES)('%s handles every entry of its catalogue and nothing else', (service) => {
    expect(catalogProblems(service, CATALOGS[service], handledNames(CATALOGS[service], HANDLERS[service]))).toEqual([]);
  });

  it('fails a service whose handler has no entry, or whose entry has no handler', () => {
    const stray: Operation = { ...SalesCatalog.getOrder, name: 'get-order-by-magic', key: 'getOrderByMagic' };
    @Injectable()
    class Stray {
      @Handles(stray) handle() {}
    }
    const withStray = handledNames(SalesCatalog, [...SALES_HANDLERS, Stray]);
    expect(catalogProblems('sales', SalesCatalog, withStray)).toEqual(['get-order-by-magic is handled but not in the sales catalogue']);
    const missing = handledNames(SalesCatalog, SALES_HANDLERS).filter((name) => name !== SalesCatalog.placeOrder.name);
    expect(catalogProblems('sales', SalesCatalog, missing)).toEqual(['place-order is in the sales catalogue but nothing handles it']);
    const twice = [...handledNames(SalesCatalog, SALES_HANDLERS), SalesCatalog.placeOrder.name];
    expect(catalogProblems('sales', SalesCatalog, twice)).toEqual(['place-order is handled twice']);
  });

  it('gives the gateway exactly one route per operation, where the entry says', () => {
    expect(routeProblems(gatewayControllers(), allOperations())).toEqual([]);
  });

  it('fails the gateway when a route and its entry disagree, or an entry has no route', () => {
    @Controller()
    class Disagreeing {
      // Claims to be place-order, but at another path.
      @Post('sales/order') @SetMetadata(ACCESS_METADATA, { kind: 'operation', operation: SalesCatalog.placeOrder }) place() {}
    }
    const controllers = gatewayControllers();
    expect(routeProblems([...controllers, Disagreeing], allOperations())).toEqual([
      'Disagreeing.place is POST sales/order but sales place-order is POST sales/orders',
      expect.stringMatching(/^sales place-order has two routes: .* and Disagreeing\.place$/),
    ]);
    const lacking = { ...FinanceCatalog.recordReceipt, key: 'recordReceiptElsewhere', name: 'record-receipt-elsewhere' };
    expect(routeProblems(controllers, [...allOperations(), lacking])).toEqual(['finance record-receipt-elsewhere (POST finance/receipts) has no route']);
    @Controller()
    class Routed {
      @OperationRoute(lacking) handle() {}
    }
    expect(routeProblems([...controllers, Routed], [...allOperations(), lacking])).toEqual([]);
  });
});
