import { Button, ConfigProvider, Layout, Menu, Space, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { HashRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { SessionProvider, useSession } from './auth/Session';
import { useI18n } from './i18n/I18n';
import { Login } from './screens/Login';
import { NewOrder } from './screens/NewOrder';
import { OrderDetail } from './screens/OrderDetail';
import { Orders } from './screens/Orders';
import { PickLists, Receipts, Shipments } from './screens/Lists';

// Ant Design's default blue and placeholder grey fall short of WCAG AA contrast (4.5:1) on white; these pass.
const THEME = { token: { colorPrimary: '#0958d9', colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)' } };

const SCREENS: Record<string, () => React.JSX.Element> = { orders: () => <Orders />, approvals: () => <Orders queue />, newOrder: NewOrder, receipts: Receipts, pickLists: PickLists, shipments: Shipments };

function Shell() {
  const { t, locale, setLocale } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const home = session.navigation[0]?.path ?? '/';
  const selected = [...session.navigation].reverse().find((n) => location.pathname.startsWith(n.path))?.key;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider theme="light" width={200}>
        <Typography.Title level={1} style={{ fontSize: 18, padding: '16px 20px', margin: 0 }}>{t('app.title')}</Typography.Title>
        <nav aria-label={t('app.title')}>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={session.navigation.map((n) => ({ key: n.key, label: t(`nav.${n.key}` as never) }))}
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
            <Routes>
              {session.navigation.map((n) => {
                const Screen = SCREENS[n.key];
                return <Route key={n.key} path={n.path} element={<Screen />} />;
              })}
              {session.may('GET /api/v1/sales/orders/{id}') && <Route path="/orders/:id" element={<OrderDetail />} />}
              <Route path="*" element={<Navigate to={home} replace />} />
            </Routes>
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
          <Shell />
        </SessionProvider>
      </HashRouter>
    </ConfigProvider>
  );
}
