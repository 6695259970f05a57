import { Checkbox, Col, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { label } from '../labels';
import { ROLES, type Role } from './labels';

type User = components['schemas']['UserView'];
type NewUser = components['schemas']['CreateUserRequest'];

/** People and their roles: admins create users, change roles and deactivate; auditors read. */
export function Users() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayCreate = session.may('POST /api/v1/identity/users');
  const maySetRoles = session.may('PUT /api/v1/identity/users/{id}/roles');
  const mayDeactivate = session.may('POST /api/v1/identity/users/{id}/deactivate');
  return (
    <DataList<User>
      title="nav.users"
      queryKey="users"
      csvPath="/api/v1/identity/users"
      read={({ role, ...query }) => answer(api.GET('/api/v1/identity/users', { params: { query: { ...query, role: role as Role | undefined } } }))}
      filters={[{ name: 'role', label: 'admin.filterRole', kind: 'select', options: ROLES.map((r) => ({ value: r, label: label(r, locale) })) }]}
      toolbar={mayCreate && <CreateUser />}
      columns={[
        { title: t('admin.username'), dataIndex: 'username', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
        { title: t('admin.displayName'), dataIndex: 'displayName' },
        { title: t('admin.roles'), dataIndex: 'roles', render: (roles: string[]) => roles.length ? roles.map((r) => <Tag key={r}>{label(r, locale)}</Tag>) : <Typography.Text type="secondary">{t('admin.noRoles')}</Typography.Text> },
        { title: t('admin.state'), key: 'state', render: (_, user) => <UserState user={user} /> },
        { title: t('admin.lastSignIn'), dataIndex: 'lastSignInAt', render: (at: string | null) => formatDateTime(at, locale) },
        { title: t('admin.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, locale) },
        ...(maySetRoles || mayDeactivate ? [{
          title: t('common.actions'), key: 'actions', render: (_: unknown, user: User) => user.active && (
            <Space>
              {maySetRoles && <ChangeRoles user={user} />}
              {mayDeactivate && user.id !== session.userId && (
                <ActionButton size="middle" danger confirm={t('admin.deactivateConfirm').replace('{name}', user.username)} run={() => answer(api.POST('/api/v1/identity/users/{id}/deactivate', { params: { path: { id: user.id } } }))}>
                  {t('admin.deactivate')}
                </ActionButton>
              )}
            </Space>
          ),
        }] : []),
      ]}
    />
  );
}

function UserState({ user }: { user: User }) {
  const { t, locale } = useI18n();
  if (!user.active) return <Tag>{t('admin.inactive')}</Tag>;
  if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) {
    return <Tag color="orange">{t('admin.lockedUntil')} {formatDateTime(user.lockedUntil, locale)}</Tag>;
  }
  return <Tag color="green">{t('admin.active')}</Tag>;
}

/** The roles as checkboxes, every role of the contract, in its desk's order. */
function RolesField({ required }: { required?: boolean }) {
  const { t, locale } = useI18n();
  return (
    <Form.Item name="roles" label={t('admin.roles')} rules={required ? [{ required: true, type: 'array', min: 1, message: t('admin.rolesRequired') }] : []}>
      <Checkbox.Group aria-label={t('admin.roles')} style={{ width: '100%' }}>
        <Row gutter={[8, 4]}>
          {ROLES.map((r) => <Col span={12} key={r}><Checkbox value={r}>{label(r, locale)}</Checkbox></Col>)}
        </Row>
      </Checkbox.Group>
    </Form.Item>
  );
}

export function CreateUser() {
  const { t } = useI18n();
  return (
    <FormDialog<NewUser>
      trigger={t('admin.createUser')}
      title={t('admin.createUser')}
      width={560}
      testId="create-user"
      initialValues={{ roles: [] }}
      submit={(values) => answer(api.POST('/api/v1/identity/users', { body: { ...values, username: values.username.trim(), displayName: values.displayName.trim() } }))}
    >
      {() => (
        <>
          <Form.Item name="username" label={t('admin.username')} extra={t('admin.usernameHint')} rules={[
            { required: true, whitespace: true, message: t('common.required') },
            { pattern: /^\s*[A-Za-z0-9._-]{3,64}\s*$/, message: t('admin.usernameRule') },
          ]}>
            <Input autoComplete="off" maxLength={64} />
          </Form.Item>
          <Form.Item name="displayName" label={t('admin.displayName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="password" label={t('admin.password')} extra={t('admin.passwordHint')} rules={[
            { required: true, message: t('common.required') },
            { min: 12, message: t('admin.passwordRule') },
          ]}>
            <Input.Password autoComplete="new-password" maxLength={200} />
          </Form.Item>
          <RolesField required />
        </>
      )}
    </FormDialog>
  );
}

function ChangeRoles({ user }: { user: User }) {
  const { t } = useI18n();
  return (
    <FormDialog<{ roles: Role[] }>
      trigger={t('admin.changeRoles')}
      title={`${t('admin.changeRoles')}: ${user.displayName} (${user.username})`}
      width={560}
      primary={false}
      initialValues={{ roles: user.roles as Role[] }}
      submit={({ roles }) => answer(api.PUT('/api/v1/identity/users/{id}/roles', { params: { path: { id: user.id } }, body: { roles: roles ?? [] } }))}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('admin.changeRolesHint')}</Typography.Paragraph>
          <RolesField />
        </>
      )}
    </FormDialog>
  );
}
