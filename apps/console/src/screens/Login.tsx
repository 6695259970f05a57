import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { answer, api, setAccessToken } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { ApiProblem, fieldErrors } from '../lib/problem';
import { ProblemAlert } from './ProblemAlert';

interface Credentials {
  username: string;
  password: string;
}

export function Login({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Credentials>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: Credentials) => {
    setBusy(true);
    setError(undefined);
    try {
      const tokens = await answer(api.POST('/api/v1/auth/login', { body: values }));
      setAccessToken(tokens.accessToken);
      onSignedIn();
    } catch (e) {
      if (e instanceof ApiProblem) form.setFields(fieldErrors(e.problem, (name) => name[0] === 'username' || name[0] === 'password') as Parameters<typeof form.setFields>[0]);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main style={{ display: 'flex', justifyContent: 'center', paddingTop: 96 }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={1} style={{ fontSize: 22 }}>{t('app.title')} · {t('login.title')}</Typography.Title>
        <ProblemAlert error={error} />
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('common.required') }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('common.required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>{t('login.submit')}</Button>
        </Form>
      </Card>
    </main>
  );
}
