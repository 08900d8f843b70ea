/** Named pages of each listed type, so that the OpenAPI document and generated clients can refer to them. */
import type { UserView } from './auth.js';
import type { ActiveUser, Alert, ArchivedLeague, AuditLogEntry, LeagueActivity, RiskAssessment } from './monitoring.js';
import type { Page } from './pagination.js';
import type { JobRunView } from './scheduling.js';
import type { Activity, League, Trade } from './trading.js';

export type LeaguePage = Page<League>;
export type ActivityPage = Page<Activity>;
export type TradePage = Page<Trade>;
export type UserPage = Page<UserView>;
export type ActiveUserPage = Page<ActiveUser>;
export type LeagueActivityPage = Page<LeagueActivity>;
export type RiskAssessmentPage = Page<RiskAssessment>;
export type AlertPage = Page<Alert>;
export type AuditLogPage = Page<AuditLogEntry>;
export type ArchivedLeaguePage = Page<ArchivedLeague>;
export type JobRunPage = Page<JobRunView>;
