import { Alert, Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError, describeError, fieldErrors, sentence } from '../../api/errors';
import { takenField } from '../../api/problems';
import { createStaff, staffRoles, type StaffMember, type StaffRole } from '../../api/staff';
import { roleLabel } from '../../auth/roles';
import { NewPasswordInput } from '../../components/NewPasswordInput';
import { passwordProblem } from '../../components/password';
import { roleDescriptions } from './roles';

const labels = { name: 'Name', email: 'Work email', role: 'Role', password: 'First password' } as const;
const order = ['name', 'email', 'role', 'password'] as const;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Values {
  name: string;
  email: string;
  role: StaffRole;
  password: string;
}

interface AddStaffFormProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (member: StaffMember) => void;
}

/** "Add staff member" in a dialog: name, email, role and a first password to hand over. */
export function AddStaffForm({ opened, onClose, onCreated }: AddStaffFormProps) {
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { name: '', email: '', role: 'support', password: '' },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter the name'),
      email: (v) => (emailPattern.test(v.trim()) ? null : 'Enter a valid email address, e.g. name@example.com'),
      password: (v, values) => passwordProblem(v, [values.name, values.email]),
    },
  });

  const close = () => {
    form.reset();
    setProblem(null);
    onClose();
  };

  const focusFirst = (errors: Record<string, unknown>) => {
    const first = order.find((field) => errors[field]);
    if (first) form.getInputNode(first)?.focus();
  };

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      const member = await createStaff({ ...values, name: values.name.trim(), email: values.email.trim() });
      form.reset();
      onCreated(member);
    } catch (error) {
      const fields = error instanceof ApiError && error.status === 422 ? fieldErrors(error, labels) : {};
      const known = Object.fromEntries(Object.entries(fields).filter(([field]) => field in labels));
      if (Object.keys(known).length > 0) {
        form.setErrors(known);
        focusFirst(known);
      } else if (error instanceof ApiError && takenField(error) === 'email') {
        form.setFieldError('email', sentence(error.problem?.detail || 'A staff user with this email already exists'));
        form.getInputNode('email')?.focus();
      } else {
        setProblem(describeError(error));
      }
    }
  }, focusFirst);

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Add staff member"
      fullScreen={isPhone}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate aria-label="Add staff member">
        <Stack gap="md">
          <TextInput label={labels.name} autoComplete="off" withAsterisk data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label={labels.email}
            type="email"
            autoComplete="off"
            spellCheck={false}
            withAsterisk
            {...form.getInputProps('email')}
          />
          <NativeSelect
            label={labels.role}
            description={roleDescriptions[form.values.role]}
            data={staffRoles.map((r) => ({ value: r, label: roleLabel(r) }))}
            withAsterisk
            {...form.getInputProps('role')}
          />
          <NewPasswordInput
            label={labels.password}
            autoComplete="new-password"
            withAsterisk
            {...form.getInputProps('password')}
          />
          {problem ? (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />}>
              {problem}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Add staff member
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
