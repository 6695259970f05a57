import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Col, Descriptions, Form, Input, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { businessDate, formatDateTime, formatFen, yuanToFen } from '../../lib/money';
import { ProblemAlert } from '../ProblemAlert';
import { ActionButton } from '../kit/ActionButton';
import { useIdempotencyKey } from '../kit/idempotency';
import { placeFieldErrors, ProblemSlot } from '../kit/Problems';
import { OutletCodeInput, useOutletCode } from './bar-outlet';

type Handover = components['schemas']['ShiftHandoverView'];
export type CountForm = { takenOverBy: string; countedCash: string; float: string; goodsChecked?: boolean; goodsNotes?: string; explanation?: string };

const COUNT = 'POST /api/v1/sales/outlets/{code}/handovers' as const;
const EXPLAIN = 'POST /api/v1/sales/outlets/{code}/handovers/{id}/explain' as const;
const CONFIRM = 'POST /api/v1/sales/outlets/{code}/handovers/{id}/confirm' as const;

/** The count as the API takes it: yuan typed → fen, blanks left out. */
export function countBody(values: CountForm): components['schemas']['CountShiftHandoverBody'] {
  return {
    takenOverBy: values.takenOverBy.trim(), countedCashFen: yuanToFen(values.countedCash) ?? -1, floatFen: yuanToFen(values.float) ?? -1, goodsChecked: values.goodsChecked === true,
    ...(values.goodsNotes?.trim() ? { goodsNotes: values.goodsNotes.trim() } : {}),
    ...(values.explanation?.trim() ? { explanation: values.explanation.trim() } : {}),
  };
}

/**
 * The shift handover (交接班): the outgoing person counts the drawer blind — the expected cash shows only once the
 * count is sent — checks the goods with the incoming person, explains any cash over or short, and the incoming
 * person confirms. The day's handovers with their figures below.
 */
export function ShiftHandovers() {
  return <ProblemSlot>{(problem) => <Handovers actionProblem={problem} />}</ProblemSlot>;
}

function Handovers({ actionProblem }: { actionProblem: unknown }) {
  const { t, locale } = useI18n();
  const session = useSession();
  const [code, setCode] = useOutletCode();
  const [counted, setCounted] = useState<Handover>();
  const handovers = useQuery({
    queryKey: ['handovers', code],
    enabled: !!code,
    queryFn: () => answer(api.GET('/api/v1/sales/outlets/{code}/handovers', { params: { path: { code }, query: { date: businessDate(), pageSize: 50 } } })),
  });
  const path = (id: string) => ({ params: { path: { code, id } } });
  const difference = (fen: number) => (fen === 0 ? <Tag color="green">{t('handover.agrees')}</Tag> : <Tag color={fen > 0 ? 'orange' : 'red'}>{t(fen > 0 ? 'handover.over' : 'handover.short')} {formatFen(Math.abs(fen))}</Tag>);
  const actions = (h: Handover) => h.status === 'counted' && (
    <Space>
      {session.may(EXPLAIN) && h.differenceFen !== 0 && (
        <ActionButton reason={t('handover.explanation')} testId={`explain-${h.id}`} run={async (explanation) => setCounted(await answer(api.POST('/api/v1/sales/outlets/{code}/handovers/{id}/explain', { ...path(h.id), body: { explanation } })))}>
          {t('handover.explain')}
        </ActionButton>
      )}
      {session.may(CONFIRM) && (
        <ActionButton primary testId={`confirm-${h.id}`} run={async () => setCounted(await answer(api.POST('/api/v1/sales/outlets/{code}/handovers/{id}/confirm', path(h.id))))}>{t('handover.confirm')}</ActionButton>
      )}
    </Space>
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('nav.shiftHandovers')}</Typography.Title>
      <OutletCodeInput code={code} onChange={setCode} />
      {!code && <Typography.Text type="secondary">{t('bar.chooseOutlet')}</Typography.Text>}
      <ProblemAlert error={actionProblem} />
      {code && session.may(COUNT) && <CountCard code={code} onCounted={setCounted} />}
      {counted && (
        <Card title={t('handover.result')} data-testid="handover-result">
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t('handover.tickets')}>{counted.ticketCount}</Descriptions.Item>
            <Descriptions.Item label={t('handover.cash')}>{formatFen(counted.cashFen)}</Descriptions.Item>
            <Descriptions.Item label={t('handover.pos')}>{formatFen(counted.posFen)}</Descriptions.Item>
            <Descriptions.Item label={t('handover.transfer')}>{formatFen(counted.transferFen)}</Descriptions.Item>
            <Descriptions.Item label={t('handover.expected')}><span data-testid="expected">{formatFen(counted.expectedCashFen)}</span></Descriptions.Item>
            <Descriptions.Item label={t('handover.counted')}>{formatFen(counted.countedCashFen)}</Descriptions.Item>
            <Descriptions.Item label={t('handover.difference')}>{difference(counted.differenceFen)}</Descriptions.Item>
            <Descriptions.Item label={t('handover.explanation')}>{counted.explanation ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('bar.status')}>{t(`handover.status.${counted.status as 'counted' | 'confirmed'}`)}</Descriptions.Item>
          </Descriptions>
          {actions(counted)}
        </Card>
      )}
      {code && (
        <>
          <ProblemAlert error={handovers.error} />
          <Table<Handover>
            rowKey="id" size="middle" loading={handovers.isLoading} dataSource={handovers.data?.items ?? []} pagination={false}
            columns={[
              { title: t('handover.countedAt'), dataIndex: 'countedAt', render: (at: string) => formatDateTime(at, locale) },
              { title: t('handover.handedOverBy'), dataIndex: 'handedOverBy' },
              { title: t('handover.takenOverBy'), dataIndex: 'takenOverBy' },
              { title: t('handover.tickets'), dataIndex: 'ticketCount', align: 'right' },
              { title: t('handover.expected'), dataIndex: 'expectedCashFen', align: 'right', render: (fen: number) => formatFen(fen) },
              { title: t('handover.counted'), dataIndex: 'countedCashFen', align: 'right', render: (fen: number) => formatFen(fen) },
              { title: t('handover.difference'), dataIndex: 'differenceFen', render: difference },
              { title: t('bar.status'), dataIndex: 'status', render: (s: 'counted' | 'confirmed') => <Tag color={s === 'confirmed' ? 'green' : 'blue'}>{t(`handover.status.${s}`)}</Tag> },
              { title: t('common.actions'), key: 'actions', render: (_, h) => actions(h) },
            ]}
          />
        </>
      )}
    </Space>
  );
}

/** The blind count: cash and float typed as yuan, the goods checked, any explanation already known. */
function CountCard({ code, onCounted }: { code: string; onCounted: (h: Handover) => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [form] = Form.useForm<CountForm>();
  const idempotency = useIdempotencyKey();
  const [problem, setProblem] = useState<{ error: unknown; unplaced: string[] }>();
  const [busy, setBusy] = useState(false);
  const amount = [{ required: true, message: t('common.required') }, { validator: (_: unknown, v: string) => (v === undefined || v === '' || yuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('handover.invalidAmount')))) }];
  const send = async (values: CountForm) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const handover = await answer(api.POST('/api/v1/sales/outlets/{code}/handovers', { params: { path: { code } }, body: countBody(values), headers: idempotency.headers() }));
      idempotency.renew();
      form.resetFields();
      onCounted(handover);
      await client.invalidateQueries();
    } catch (error) {
      setProblem({ error, unplaced: placeFieldErrors(form, error, { countedCashFen: 'countedCash', floatFen: 'float' }) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('handover.count')}>
      <Typography.Paragraph type="secondary">{t('handover.blind')}</Typography.Paragraph>
      <ProblemAlert error={problem?.error} extra={problem?.unplaced} />
      <Form form={form} layout="vertical" onFinish={send}>
        <Row gutter={16}>
          <Col span={8}><Form.Item name="takenOverBy" label={t('handover.takenOverBy')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={64} /></Form.Item></Col>
          <Col span={8}><Form.Item name="countedCash" label={t('handover.countedCash')} rules={amount}><Input inputMode="decimal" /></Form.Item></Col>
          <Col span={8}><Form.Item name="float" label={t('handover.float')} rules={amount}><Input inputMode="decimal" /></Form.Item></Col>
        </Row>
        <Form.Item name="goodsChecked" valuePropName="checked"><Checkbox>{t('handover.goodsChecked')}</Checkbox></Form.Item>
        <Row gutter={16}>
          <Col span={12}><Form.Item name="goodsNotes" label={t('handover.goodsNotes')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item></Col>
          <Col span={12}><Form.Item name="explanation" label={t('handover.explanation')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item></Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="count-handover">{t('handover.count')}</Button>
      </Form>
    </Card>
  );
}
