import { Button, ConfigProvider, Layout, Menu, Space, Spin, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import './theme.css';
import { HashRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { SessionProvider, useSession } from './auth/Session';
import { useI18n } from './i18n/I18n';
import { Login } from './screens/Login';
import { NewOrder } from './screens/NewOrder';
import { OrderDetail } from './screens/OrderDetail';
import { Orders } from './screens/Orders';
import { Audit, Users } from './screens/admin';
import { AgingGroups, BankDeposits, CashHandovers, CashierDays, Commissions, CreditNotes, DepositsToApprove, Invoices, Journal, Receipts, Receivables, Refunds, Statement, TransfersToVerify, TrialBalance, Payables, PaymentRequests, Statements } from './screens/finance';
import { PeriodClose } from './screens/finance/PeriodClose';
import { Vouchers } from './screens/finance/Vouchers';
import { Customers, CreditChanges, DutyRoster, Leads, Performance, PriceLists, Reception, Returns, ShippingNotices, Shortages, Targets } from './screens/sales';
import { PrintDocument } from './screens/print';
import { BarBoard } from './screens/outlets/BarBoard';
import { Till } from './screens/outlets/Till';
import { ShiftHandovers } from './screens/outlets/ShiftHandovers';
import { OutletComplaints, OutletReplenishments, OutletRota, OutletTargets, OutletWaste } from './screens/outlets/OutletRecords';
import { BusinessAccounts } from './screens/online/BusinessAccounts';
import { ServiceTickets } from './screens/online/ServiceTickets';
import { Listings } from './screens/online/Listings';
import { ReferralRewards } from './screens/sales/ReferralRewards';
import { Promotions } from './screens/sales/Promotions';
import { PriceHolds } from './screens/sales/PriceHolds';
import { ReferralRewardsToPay } from './screens/finance/ReferralRewardsToPay';
import { Outlets } from './screens/outlets/Outlets';
import { LateSteps, ProductionOrderDetail, ProductionOrders, SkuSupply } from './screens/production';
import { MaterialRequests, PurchaseOrders, PurchaseReturns, PurchaseSuggestions, SupplierEvaluation, Suppliers } from './screens/purchasing';
import { GateChecks, Incidents } from './screens/security';
import { PatrolCompliance } from './screens/security/PatrolCompliance';
import { Patrols } from './screens/security/Patrols';
import { Posts } from './screens/security/Posts';
import { SecurityExceptions } from './screens/security/SecurityExceptions';
import { Escorts } from './screens/security/Escorts';
import { MonitoringRoom } from './screens/security/MonitoringRoom';
import { Notifications } from './screens/security/Notifications';
import { Visitors } from './screens/security/Visitors';
import { GoodsReceipts, PickLists, ReturnsToReceive, SampleLoans, Shipments, Stock, Stocktakes, Transfers } from './screens/warehouse';
import type { NavGroup } from './lib/permissions';

// Ant Design's default blue, red, green, gold and greys fall short of WCAG AA contrast (4.5:1) on white (axe-core
// says so on every screen); these darker ones pass. Tags get the same treatment in theme.css.
const THEME = {
  token: {
    colorPrimary: '#0958d9', colorLink: '#0958d9', colorInfo: '#0958d9', colorError: '#cf1322', colorSuccess: '#237804', colorWarning: '#ad6800',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)', colorTextDescription: 'rgba(0, 0, 0, 0.65)', colorTextSecondary: 'rgba(0, 0, 0, 0.65)', colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  },
};

// The dashboard carries the chart library: loaded when first opened, not with every screen.
const Dashboard = lazy(() => import('./screens/dashboard').then((m) => ({ default: m.Dashboard })));

// One component per entry of NAVIGATION (lib/permissions.ts), which says who sees it.
const SCREENS: Record<string, React.ComponentType> = {
  dashboard: Dashboard,
  orders: () => <Orders />, approvals: () => <Orders queue />, newOrder: NewOrder, customers: Customers, creditChanges: CreditChanges, priceLists: PriceLists, priceHolds: PriceHolds, promotions: Promotions,
  shortages: Shortages, shippingNotices: ShippingNotices, returns: Returns,
  reception: Reception, dutyRoster: DutyRoster, leads: Leads, targets: Targets, salesPerformance: Performance, referralRewards: ReferralRewards,
  businessAccounts: BusinessAccounts, serviceTickets: ServiceTickets, listings: Listings,
  till: Till, barBoard: BarBoard, shiftHandovers: ShiftHandovers,
  outletRota: OutletRota, outletWaste: OutletWaste, outletTargets: OutletTargets, outletComplaints: OutletComplaints, replenishments: OutletReplenishments, outlets: Outlets,
  receipts: Receipts, transfersToVerify: TransfersToVerify, depositsToApprove: DepositsToApprove, refunds: Refunds, cashierDays: CashierDays, cashHandovers: CashHandovers, bankDeposits: BankDeposits, invoices: Invoices, receivables: Receivables, agingGroups: AgingGroups, commissions: Commissions,
  statement: Statement, journal: Journal, trialBalance: TrialBalance, vouchers: Vouchers, periodClose: PeriodClose, statements: Statements, creditNotes: CreditNotes, payables: Payables, paymentRequests: PaymentRequests, referralRewardsFinance: ReferralRewardsToPay,
  productionOrders: ProductionOrders, lateSteps: LateSteps, skuSupply: SkuSupply,
  pickLists: PickLists, shipments: Shipments, goodsReceipts: GoodsReceipts, stock: Stock, returnsToReceive: ReturnsToReceive,
  transfers: Transfers, stocktakes: Stocktakes, sampleLoans: SampleLoans,
  gateChecks: GateChecks, incidents: Incidents,
  posts: Posts, patrols: Patrols, securityExceptions: SecurityExceptions, patrolCompliance: PatrolCompliance,
  notifications: Notifications, monitoringRoom: MonitoringRoom, visitors: Visitors, escorts: Escorts,
  suppliers: Suppliers, purchaseOrders: PurchaseOrders,
  purchaseReturns: PurchaseReturns, purchaseSuggestions: PurchaseSuggestions, supplierEvaluation: SupplierEvaluation, materialRequests: MaterialRequests,
  users: Users, audit: Audit,
};
const GROUPS: NavGroup[] = ['overview', 'sales', 'online', 'outlets', 'finance', 'production', 'warehouse', 'purchasing', 'security', 'admin'];

function Shell() {
  const { t, locale, setLocale } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const home = session.navigation[0]?.path ?? '/';
  const selected = [...session.navigation].reverse().find((n) => location.pathname.startsWith(n.path))?.key;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* The menu scrolls on its own: a person with many desks has more screens than the window is tall. */}
      <Layout.Sider theme="light" width={200} style={{ overflow: 'auto', height: '100vh', position: 'sticky', top: 0 }}>
        <Typography.Title level={1} style={{ fontSize: 18, padding: '16px 20px', margin: 0 }}>{t('app.title')}</Typography.Title>
        <nav aria-label={t('app.title')}>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            defaultOpenKeys={GROUPS}
            items={GROUPS.map((group) => ({ group, items: session.navigation.filter((n) => n.group === group) }))
              .filter(({ items }) => items.length > 0)
              .map(({ group, items }) => ({ type: 'group' as const, key: group, label: t(`group.${group}`), children: items.map((n) => ({ key: n.key, label: t(`nav.${n.key}` as never) })) }))}
            onClick={({ key }) => navigate(session.navigation.find((n) => n.key === key)!.path)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center' }}>
          <Space>
            <span data-testid="who">{session.displayName} ({session.roles.join(', ')})</span>
            <Button onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}>{t('app.language')}</Button>
            <Button onClick={() => session.signOut()}>{t('app.signOut')}</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <main>
            <Suspense fallback={<Spin />}>
              <Routes>
                {session.navigation.map((n) => {
                  const Screen = SCREENS[n.key];
                  return <Route key={n.key} path={n.path} element={<Screen />} />;
                })}
                {session.may('GET /api/v1/sales/orders/{id}') && <Route path="/orders/:id" element={<OrderDetail />} />}
                {session.may('GET /api/v1/inventory/production-orders/{id}') && <Route path="/production-orders/:id" element={<ProductionOrderDetail />} />}
                <Route path="*" element={<Navigate to={home} replace />} />
              </Routes>
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export function App() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'zh' ? zhCN : enUS} theme={THEME} button={{ autoInsertSpace: false }}>
      <HashRouter>
        <SessionProvider signedOut={(onSignedIn) => <Login onSignedIn={onSignedIn} />}>
          <Routes>
            <Route path="/print/:kind/:id" element={<PrintDocument />} />
            <Route path="*" element={<Shell />} />
          </Routes>
        </SessionProvider>
      </HashRouter>
    </ConfigProvider>
  );
}
