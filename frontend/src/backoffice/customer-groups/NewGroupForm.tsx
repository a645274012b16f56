import { Alert, Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { createCustomerGroup, type CustomerGroup } from '../../api/customerGroups';
import { describeError } from '../../api/errors';
import { codeFromName, groupFieldOrder, groupLabels, groupServerErrors, validateGroup, type GroupValues } from './groupForm';

interface NewGroupFormProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (group: CustomerGroup) => void;
}

/** "New customer group" in a dialog: name, code (suggested from the name) and a description. */
export function NewGroupForm({ opened, onClose, onCreated }: NewGroupFormProps) {
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const [problem, setProblem] = useState<string | null>(null);
  const [codeFollowsName, setCodeFollowsName] = useState(true);
  const form = useForm<GroupValues>({
    initialValues: { code: '', name: '', description: '' },
    validate: validateGroup,
  });

  const close = () => {
    form.reset();
    setProblem(null);
    setCodeFollowsName(true);
    onClose();
  };

  const focusFirst = (errors: Record<string, unknown>) => {
    const first = groupFieldOrder.find((field) => errors[field]);
    if (first) form.getInputNode(first)?.focus();
  };

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      const group = await createCustomerGroup({
        code: values.code.trim().toLowerCase(),
        name: values.name.trim(),
        description: values.description.trim(),
      });
      form.reset();
      setCodeFollowsName(true);
      onCreated(group);
    } catch (error) {
      const fields = groupServerErrors(error);
      if (Object.keys(fields).length > 0) {
        form.setErrors(fields);
        focusFirst(fields);
      } else {
        setProblem(describeError(error));
      }
    }
  }, focusFirst);

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="New customer group"
      fullScreen={isPhone}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate aria-label="New customer group">
        <Stack gap="md">
          <TextInput
            label={groupLabels.name}
            withAsterisk
            autoComplete="off"
            data-autofocus
            {...form.getInputProps('name')}
            onChange={(event) => {
              const name = event.currentTarget.value;
              form.setFieldValue('name', name);
              if (codeFollowsName) form.setFieldValue('code', codeFromName(name));
            }}
          />
          <TextInput
            label={groupLabels.code}
            description="A short, stable handle: lower-case letters and digits joined by dashes, e.g. trade."
            withAsterisk
            autoComplete="off"
            spellCheck={false}
            {...form.getInputProps('code')}
            onChange={(event) => {
              const code = event.currentTarget.value;
              form.setFieldValue('code', code);
              setCodeFollowsName(code.trim() === '');
            }}
          />
          <Textarea
            label={groupLabels.description}
            description="Who belongs here and why (for staff)."
            autosize
            minRows={2}
            maxRows={6}
            {...form.getInputProps('description')}
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
              Create group
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
