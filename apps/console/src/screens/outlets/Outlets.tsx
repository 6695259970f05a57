import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Button, Checkbox, Col, Form, Input, Radio, Row, Select, Space, Tag, Typography, type FormInstance } from 'antd';
import { useEffect } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { useIdempotencyKey } from '../kit/idempotency';
import { usePeople } from '../kit/people';

type Outlet = components['schemas']['OutletView'];
/** Per weekday (0 = Sunday): `{ opens, closes }` or null when closed; the OpenAPI document types it only as an object. */
type Hours = Record<string, { opens: string; closes: string } | null>;
type Position = components['schemas']['OutletStaffMember']['position'];
export type StaffRow = { username: string; position: Position };
export type DayRow = { closed: boolean; opens?: string; closes?: string };
export type NewOutlet = {
  code: string; name: string; kind: 'store' | 'bar'; warehouseCode: string; priceListId: string;
  /** The hours of every day, unless a day has its own or is closed. */
  opens?: string; closes?: string;
  /** By weekday, 0 = Sunday … 6 = Saturday, as the API numbers them. */
  days: DayRow[];
  staff: StaffRow[];
};

const POSITIONS: readonly Position[] = ['manager', 'supervisor', 'clerk', 'bar_staff', 'bartender', 'back_room'];
/** The week as people here read it: Monday first. */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const dayWord = (day: number) => `outlets.day.${day}` as MessageKey;
const positionWord = (position: string) => `outlets.position.${position}` as MessageKey;
// A day's hours the API refuses are shown on that day's row.
const HOURS_RENAME = Object.fromEntries(WEEK.map((d) => [`openingHours.${d}`, `days[${d}].opens`]));

/** The opening hours the API takes: a day's own hours, else the every-day ones; a day ticked closed or with no hours is null. */
export function openingHoursBody(values: Pick<NewOutlet, 'opens' | 'closes' | 'days'>): Hours {
  const hours: Hours = {};
  for (let day = 0; day < 7; day++) {
    const row = values.days[day] ?? { closed: false };
    const opens = row.opens?.trim() || values.opens?.trim() || '';
    const closes = row.closes?.trim() || values.closes?.trim() || '';
    hours[String(day)] = row.closed || (!opens && !closes) ? null : { opens, closes };
  }
  return hours;
}

/** The week's hours in a line, Monday first, runs of equal days together: `Mon–Fri 10:00–22:00; Sat–Sun Closed`. */
export function hoursSummary(hours: Hours, word: (key: MessageKey) => string): string {
  const valueOf = (day: number) => {
    const h = hours[String(day)];
    return h ? `${h.opens}–${h.closes}` : null;
  };
  const runs: Array<{ first: number; last: number; value: string | null }> = [];
  for (const day of WEEK) {
    const value = valueOf(day);
    const run = runs[runs.length - 1];
    if (run && run.value === value) run.last = day;
    else runs.push({ first: day, last: day, value });
  }
  if (runs.length === 1) return runs[0].value === null ? word('outlets.closedAllWeek') : `${word('outlets.allDays')} ${runs[0].value}`;
  return runs
    .map((r) => `${word(dayWord(r.first))}${r.first === r.last ? '' : `–${word(dayWord(r.last))}`} ${r.value ?? word('outlets.closed')}`)
    .join('; ');
}

const staffBody = (staff: StaffRow[] | undefined) => (staff ?? []).map((m) => ({ username: m.username.trim(), position: m.position }));

/**
 * The outlets registry (门店登记): every store and bar counter with its warehouse, price list, hours and staff;
 * the sales management registers one and keeps its staff.
 */
export function Outlets() {
  const { t } = useI18n();
  const session = useSession();
  const mayCreate = session.may('POST /api/v1/sales/outlets');
  const maySetStaff = session.may('PUT /api/v1/sales/outlets/{code}/staff');
  const priceLists = useApprovedPriceLists();
  const listName = new Map(priceLists.items.map((l) => [l.id, l.name]));
  return (
    <DataList<Outlet>
      title="nav.outlets"
      queryKey="outlets"
      read={(query) => answer(api.GET('/api/v1/sales/outlets', { params: { query: query as never } }))}
      filters={[{ name: 'kind', label: 'outlets.kind', kind: 'select', options: (['store', 'bar'] as const).map((k) => ({ value: k, label: t(`outlets.kind.${k}`) })) }]}
      toolbar={mayCreate && <NewOutletDialog />}
      columns={[
        { title: t('outlets.code'), dataIndex: 'code' },
        { title: t('outlets.name'), dataIndex: 'name' },
        { title: t('outlets.kind'), dataIndex: 'kind', render: (k: string) => <Tag color={k === 'bar' ? 'purple' : 'blue'}>{t(`outlets.kind.${k}` as MessageKey)}</Tag> },
        { title: t('outlets.warehouse'), dataIndex: 'warehouseCode' },
        {
          title: t('outlets.priceList'), key: 'priceList',
          render: (_, r) => [r.priceListNumber ?? r.priceListId, listName.get(r.priceListId)].filter(Boolean).join(' · '),
        },
        { title: t('outlets.hours'), key: 'hours', render: (_, r) => <span data-testid={`hours-${r.code}`}>{hoursSummary(r.openingHours as Hours, t)}</span> },
        {
          title: t('outlets.staff'), key: 'staff',
          render: (_, r) => (
            <Space wrap size={4} data-testid={`staff-${r.code}`}>
              {r.staff.length === 0 ? <Typography.Text type="secondary">{t('outlets.noStaff')}</Typography.Text>
                : r.staff.map((m) => <Tag key={m.username}>{m.username} · {t(positionWord(m.position))}</Tag>)}
            </Space>
          ),
        },
        { title: t('outlets.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'}>{t(`outlets.status.${s}` as MessageKey)}</Tag> },
        { title: t('common.actions'), key: 'actions', render: (_, r) => maySetStaff && <EditStaffDialog outlet={r} /> },
      ]}
    />
  );
}

/** The approved sales price lists (for those who may read them; the others type the list's id). */
function useApprovedPriceLists() {
  const session = useSession();
  const lists = useQuery({
    queryKey: ['price-lists', 'approved'],
    enabled: session.may('GET /api/v1/sales/price-lists'),
    queryFn: () => answer(api.GET('/api/v1/sales/price-lists', { params: { query: { status: 'approved', pageSize: 200 } } })),
  });
  return { readable: session.may('GET /api/v1/sales/price-lists'), loading: lists.isLoading, items: lists.data?.items ?? [] };
}

/** Inventory's warehouses of kind `store`, an outlet's own (for those who may read them; the others type the code). */
function useStoreWarehouses() {
  const session = useSession();
  const warehouses = useQuery({
    queryKey: ['warehouses', 'all'],
    enabled: session.may('GET /api/v1/inventory/warehouses'),
    queryFn: () => answer(api.GET('/api/v1/inventory/warehouses', { params: { query: { pageSize: 200 } } })),
  });
  return {
    readable: session.may('GET /api/v1/inventory/warehouses'), loading: warehouses.isLoading,
    options: (warehouses.data?.items ?? []).filter((w) => w.kind === 'store').map((w) => ({ value: w.code, label: `${w.code} ${w.name}` })),
  };
}

function NewOutletDialog() {
  const { t } = useI18n();
  const idempotency = useIdempotencyKey();
  const warehouses = useStoreWarehouses();
  const priceLists = useApprovedPriceLists();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const submit = async (values: NewOutlet) => {
    await answer(api.POST('/api/v1/sales/outlets', {
      headers: idempotency.headers(),
      body: {
        code: values.code.trim(), name: values.name.trim(), kind: values.kind, warehouseCode: values.warehouseCode.trim(), priceListId: values.priceListId.trim(),
        openingHours: openingHoursBody(values) as Record<string, never>, staff: staffBody(values.staff),
      },
    }));
    idempotency.renew();
  };
  const initialValues: Partial<NewOutlet> = {
    kind: 'store', opens: '10:00', closes: '22:00', days: Array.from({ length: 7 }, () => ({ closed: false })), staff: [],
  };
  const time = [{ pattern: HHMM, message: t('outlets.badTime') }];
  return (
    <FormDialog<NewOutlet> trigger={t('outlets.new')} title={t('outlets.new')} width={860} submit={submit} initialValues={initialValues} rename={HOURS_RENAME} testId="new-outlet">
      {(form) => (
        <>
          <OnlyChoice form={form} name="warehouseCode" values={warehouses.options.map((o) => o.value)} />
          <OnlyChoice form={form} name="priceListId" values={priceLists.items.map((l) => l.id)} />
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name="code" label={t('outlets.code')} tooltip={t('outlets.codeHint')} rules={required} normalize={(v: string) => v.toUpperCase()}>
                <Input maxLength={16} data-testid="outlet-code-input" />
              </Form.Item>
            </Col>
            <Col span={10}><Form.Item name="name" label={t('outlets.name')} rules={required}><Input maxLength={100} data-testid="outlet-name" /></Form.Item></Col>
            <Col span={8}>
              <Form.Item name="kind" label={t('outlets.kind')} rules={required}>
                <Radio.Group optionType="button" options={(['store', 'bar'] as const).map((k) => ({ value: k, label: t(`outlets.kind.${k}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="warehouseCode" label={t('outlets.warehouse')} tooltip={t('outlets.warehouseHint')} rules={required}>
                {warehouses.readable ? <Select showSearch loading={warehouses.loading} options={warehouses.options} /> : <Input />}
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="priceListId" label={t('outlets.priceList')} tooltip={t('outlets.priceListHint')} rules={required}>
                {priceLists.readable
                  ? <Select showSearch optionFilterProp="label" loading={priceLists.loading} options={priceLists.items.map((l) => ({ value: l.id, label: `${l.number} ${l.name}` }))} />
                  : <Input />}
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>{t('outlets.hours')}</Typography.Text>
          <Typography.Paragraph type="secondary">{t('outlets.hoursHint')}</Typography.Paragraph>
          <Row gutter={12}>
            <Col span={4}><Form.Item label={t('outlets.allDays')}><Typography.Text /></Form.Item></Col>
            <Col span={6}><Form.Item name="opens" label={t('outlets.opens')} rules={time}><Input placeholder="10:00" aria-label={`${t('outlets.allDays')} ${t('outlets.opens')}`} /></Form.Item></Col>
            <Col span={6}><Form.Item name="closes" label={t('outlets.closes')} rules={time}><Input placeholder="22:00" aria-label={`${t('outlets.allDays')} ${t('outlets.closes')}`} /></Form.Item></Col>
          </Row>
          <Form.Item noStyle shouldUpdate>
            {(form) => WEEK.map((day) => {
              const closed = !!form.getFieldValue(['days', day, 'closed']);
              return (
                <Row key={day} gutter={12} align="top">
                  <Col span={4}><Form.Item><Typography.Text>{t(dayWord(day))}</Typography.Text></Form.Item></Col>
                  <Col span={6}>
                    <Form.Item name={['days', day, 'opens']} rules={time}>
                      <Input disabled={closed} placeholder={form.getFieldValue('opens')} aria-label={`${t(dayWord(day))} ${t('outlets.opens')}`} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={['days', day, 'closes']} rules={time}>
                      <Input disabled={closed} placeholder={form.getFieldValue('closes')} aria-label={`${t(dayWord(day))} ${t('outlets.closes')}`} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={['days', day, 'closed']} valuePropName="checked">
                      <Checkbox data-testid={`closed-${day}`}>{t('outlets.closed')}</Checkbox>
                    </Form.Item>
                  </Col>
                </Row>
              );
            })}
          </Form.Item>
          <StaffFields />
        </>
      )}
    </FormDialog>
  );
}

/** With one warehouse or price list to choose from, it is chosen (once the choices arrive, if the field is still empty). */
function OnlyChoice({ form, name, values }: { form: FormInstance<NewOutlet>; name: 'warehouseCode' | 'priceListId'; values: string[] }) {
  const only = values.length === 1 ? values[0] : undefined;
  useEffect(() => { if (only && !form.getFieldValue(name)) form.setFieldValue(name, only); }, [form, name, only]);
  return null;
}

/** The staff rows: a username (the people directory offers them, typing works too) and a position. */
function StaffFields() {
  const { t } = useI18n();
  const { people } = usePeople();
  const options = people.filter((p) => p.active).map((p) => ({ value: p.username, label: `${p.displayName} (${p.username})` }));
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <>
      <Typography.Text strong>{t('outlets.staff')}</Typography.Text>
      <Form.List name="staff">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Row key={field.key} gutter={12} align="top">
                <Col span={12}>
                  <Form.Item name={[field.name, 'username']} label={t('outlets.username')} rules={required}>
                    <AutoComplete
                      options={options} aria-label={`${t('outlets.username')} ${field.name + 1}`} data-testid={`staff-username-${field.name}`}
                      filterOption={(input, option) => String(option?.label ?? '').toLowerCase().includes(input.toLowerCase())}
                    />
                  </Form.Item>
                </Col>
                <Col span={9}>
                  <Form.Item name={[field.name, 'position']} label={t('outlets.position')} rules={required}>
                    <Select aria-label={`${t('outlets.position')} ${field.name + 1}`} options={POSITIONS.map((p) => ({ value: p, label: t(positionWord(p)) }))} />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item label=" "><Button type="text" aria-label={t('outlets.removeStaff')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} /></Form.Item>
                </Col>
              </Row>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ username: '', position: 'clerk' })} data-testid="add-staff">{t('outlets.addStaff')}</Button>
          </>
        )}
      </Form.List>
    </>
  );
}

/** Replaces an outlet's staff: whoever is left out is no longer on it. */
function EditStaffDialog({ outlet }: { outlet: Outlet }) {
  const { t } = useI18n();
  const submit = (values: { staff: StaffRow[] }) => answer(api.PUT('/api/v1/sales/outlets/{code}/staff', { params: { path: { code: outlet.code } }, body: { staff: staffBody(values.staff) } }));
  return (
    <FormDialog<{ staff: StaffRow[] }> trigger={t('outlets.editStaff')} title={`${t('outlets.editStaff')} ${outlet.code} · ${outlet.name}`} width={720} primary={false} size="small"
      submit={submit} initialValues={{ staff: outlet.staff.map((m) => ({ username: m.username, position: m.position })) }} testId={`edit-staff-${outlet.code}`}>
      {() => <StaffFields />}
    </FormDialog>
  );
}
