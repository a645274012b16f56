import { Badge, Group, Text } from '@mantine/core';
import type { RegistrationFlag, RegistrationStatus } from '../../api/registrations';
import classes from '../lists.module.css';
import { flagLabel, registrationStatusStyle } from './labels';

export function RegistrationStatusBadge({ status }: { status: RegistrationStatus }) {
  const style = registrationStatusStyle(status);
  return (
    <Badge color={style.color} variant="filled" title={style.description} data-status={status} className={classes.badge}>
      {style.label}
    </Badge>
  );
}

/** Risk flags as yellow badges (dark text); `none` ("None") when there are none. */
export function FlagBadges({ flags, none = 'None' }: { flags: readonly RegistrationFlag[]; none?: string }) {
  if (flags.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {none}
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {flags.map((flag) => {
        const info = flagLabel(flag);
        return (
          <Badge
            key={flag}
            color="yellow.4"
            autoContrast
            variant="filled"
            title={info.explanation}
            data-flag={flag}
            className={classes.badge}
          >
            {info.label}
          </Badge>
        );
      })}
    </Group>
  );
}
