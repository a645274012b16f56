import type { Backup, BackupStatus } from '../../api/backups';

export function backup(overrides: Partial<Backup> = {}): Backup {
  const id = overrides.id ?? '01a21375-2c00-7000-8000-000000000001';
  return {
    id,
    status: 'succeeded',
    trigger: 'schedule',
    slot: '2027-03-12T03:00:00Z',
    file_name: 'oms-backup-20270312T030000Z.tar.gz',
    size_bytes: 5_452_595,
    sha256: 'ab'.repeat(32),
    encrypted: false,
    offsite: false,
    offsite_error: '',
    error: '',
    requested_by: null,
    created_at: '2027-03-12T03:00:00Z',
    started_at: '2027-03-12T03:00:01Z',
    finished_at: '2027-03-12T03:00:05Z',
    duration_seconds: 4.2,
    verification: null,
    manifest: null,
    download_url: `/api/v1/admin/backups/${id}/download`,
    ...overrides,
  };
}

export function backupStatus(overrides: Partial<BackupStatus> = {}): BackupStatus {
  return {
    active: [],
    directory: '/var/lib/oms/backups',
    encrypted: false,
    offsite: false,
    last_success: backup(),
    last_success_age_seconds: 3 * 3600 + 60,
    last_failure: null,
    next_run_at: '2027-03-13T03:00:00Z',
    schedule: '0 3 * * *',
    stale: false,
    retention: { daily: 7, weekly: 4, monthly: 12 },
    ...overrides,
  };
}
