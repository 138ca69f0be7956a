// The settings routes: the editable settings, and saving them to the config file (the only routes, with the
// Twitch login, that change anything on disk).

import { defineRoute } from '../http/define-route.ts';
import { settingsPatchSchema, settingsViewSchema } from './settings-file.ts';

export const getSettingsRoute = defineRoute('get', '/api/settings', {
  summary: 'The editable settings; secrets only as set/not set.',
  response: settingsViewSchema,
  handle: async ({ deps }) => deps.settings.view(),
});

export const putSettingsRoute = defineRoute('put', '/api/settings', {
  summary:
    'Saves settings to the config file (0600). Secrets are write-only: omit or send "" to keep, null to remove. Applies on restart.',
  body: settingsPatchSchema,
  response: settingsViewSchema,
  handle: async ({ body, deps }) => deps.settings.update(body),
});
