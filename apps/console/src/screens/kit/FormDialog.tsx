import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/I18n';
import { ProblemAlert } from '../ProblemAlert';
import { placeFieldErrors } from './Problems';

/**
 * A button that opens a form in a modal and sends it: a field error from the API appears under its field,
 * anything else above the form; on success the modal closes and every screen reads its data again.
 */
export function FormDialog<Values extends object>({ trigger, title, submit, children, initialValues, rename, width, primary = true, size, testId }: {
  trigger: ReactNode;
  title: ReactNode;
  submit: (values: Values) => Promise<unknown>;
  children: (form: FormInstance<Values>) => ReactNode;
  initialValues?: Partial<Values>;
  /** API field → form field, for fields the form shows differently (amountFen typed as yuan in `amount`). */
  rename?: Record<string, string>;
  width?: number;
  primary?: boolean;
  /** `small` for a dialog opened from a table row. */
  size?: 'small' | 'middle';
  testId?: string;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ error: unknown; unplaced: string[] }>();

  const send = async (values: Values) => {
    setBusy(true);
    setProblem(undefined);
    // The server's field errors of the last answer go; this answer places its own.
    form.setFields(form.getFieldsError().filter((f) => f.errors.length > 0).map((f) => ({ name: f.name, errors: [] })) as unknown as Parameters<typeof form.setFields>[0]);
    try {
      await submit(values);
      setOpen(false); // the modal is destroyed when hidden: the next opening starts from a fresh form
      await client.invalidateQueries();
    } catch (error) {
      setProblem({ error, unplaced: placeFieldErrors(form, error, rename) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button type={primary ? 'primary' : 'default'} size={size} onClick={() => { setProblem(undefined); setOpen(true); }} data-testid={testId}>{trigger}</Button>
      <Modal open={open} title={title} width={width} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <ProblemAlert error={problem?.error} extra={problem?.unplaced} />
        <Form form={form} layout="vertical" initialValues={initialValues} onFinish={send} preserve={false}>
          {children(form)}
        </Form>
      </Modal>
    </>
  );
}
