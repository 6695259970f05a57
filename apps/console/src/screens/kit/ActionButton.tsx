import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Popconfirm } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/I18n';
import { ProblemAlert } from '../ProblemAlert';
import { placeFieldErrors, useReportProblem } from './Problems';

/**
 * One command on a row or a document: runs it, then has every screen read its data again. With `reason`, the
 * person must write why (a modal; the API's field error on `reason` appears under it); with `confirm`, they
 * confirm first. A failure is shown in the screen's problem slot (or in the modal).
 */
export function ActionButton({ children, run, reason, confirm, danger, primary, size = 'small', testId }: {
  children: ReactNode;
  run: (reason: string) => Promise<unknown>;
  reason?: string;
  confirm?: string;
  danger?: boolean;
  primary?: boolean;
  size?: 'small' | 'middle';
  testId?: string;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const report = useReportProblem();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const [modalError, setModalError] = useState<string[] | undefined>();
  const [problem, setProblem] = useState<unknown>();
  const [form] = Form.useForm<{ reason: string }>();

  const execute = async (why: string) => {
    setBusy(true);
    report(undefined);
    try {
      await run(why);
      setOpen(false); // the modal is destroyed when hidden: the next reason starts empty
      await client.invalidateQueries();
    } catch (error) {
      if (reason !== undefined) {
        setProblem(error);
        setModalError(placeFieldErrors(form, error));
      } else report(error);
    } finally {
      setBusy(false);
    }
  };

  const button = (onClick?: () => void) => (
    <Button size={size} danger={danger} type={primary ? 'primary' : 'default'} loading={busy} onClick={onClick} data-testid={testId}>{children}</Button>
  );
  if (reason !== undefined) {
    return (
      <>
        {button(() => { setProblem(undefined); setOpen(true); })}
        <Modal open={open} title={children} okText={t('common.confirm')} cancelText={t('common.cancel')} confirmLoading={busy} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
          <ProblemAlert error={problem} extra={modalError} />
          <Form form={form} layout="vertical" onFinish={({ reason: why }) => execute(why ?? '')}>
            <Form.Item name="reason" label={reason} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          </Form>
        </Modal>
      </>
    );
  }
  if (confirm) {
    return (
      <Popconfirm title={confirm} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => execute('')}>
        {button()}
      </Popconfirm>
    );
  }
  return button(() => void execute(''));
}
