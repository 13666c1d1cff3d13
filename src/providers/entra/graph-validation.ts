/**
 * Local checks of user and group create bodies against Entra's rules (https://learn.microsoft.com/en-us/graph/api/resources/user#properties,
 * https://learn.microsoft.com/en-us/graph/api/resources/group#properties), so an
 * object that Graph would refuse is reported per object without spending a write.
 *
 * Invariant: these checks are never stricter than Graph; when unsure, they let Graph decide.
 */

export interface ValidationProblem {
  property: string;
  message: string;
}

const UPN_LOCAL = /^[A-Za-z0-9'.\-_!#^~]+$/;
// Groups' mailNickname rules (resources/group#properties); users' nicknames may contain a dot (the
// user resource gives only their length,
// and Entra derives them from UPNs such as "ada.lovelace").
const GROUP_NICKNAME_FORBIDDEN = /[@()\\[\]";:.<>,\s]/;
const USER_NICKNAME_FORBIDDEN = /[@()\\[\]";:<>,\s]/;

/** Problems with a `userPrincipalName` (format, characters, lengths, verified domain). */
export function validateUserPrincipalName(
  upn: unknown,
  verifiedDomains?: readonly string[],
): ValidationProblem[] {
  if (typeof upn !== 'string' || upn === '') {
    return [{ property: 'userPrincipalName', message: 'userPrincipalName is required.' }];
  }
  const at = upn.lastIndexOf('@');
  const local = upn.slice(0, at);
  const domain = upn.slice(at + 1);
  const problems: ValidationProblem[] = [];
  if (at <= 0 || domain === '') {
    problems.push({ property: 'userPrincipalName', message: `'${upn}' is not of the form alias@domain.` });
    return problems;
  }
  if (!UPN_LOCAL.test(local)) {
    problems.push({
      property: 'userPrincipalName',
      message: `'${upn}' has characters Entra does not allow before the @ (allowed: A-Z a-z 0-9 ' . - _ ! # ^ ~).`,
    });
  }
  if (upn.length > 113 || local.length > 64 || domain.length > 48) {
    problems.push({
      property: 'userPrincipalName',
      message: `'${upn}' is too long (at most 64 before the @, 48 after, 113 in all).`,
    });
  }
  if (verifiedDomains && !verifiedDomains.some((d) => d.toLowerCase() === domain.toLowerCase())) {
    problems.push({
      property: 'userPrincipalName',
      message: `The domain of '${upn}' is not a verified domain of the tenant (${verifiedDomains.join(', ') || 'none'}).`,
    });
  }
  return problems;
}

/** True when a password meets Entra's complexity rule: 8–256 ASCII characters, 3 of 4 classes. */
export function isStrongEnoughPassword(password: string): boolean {
  if (password.length < 8 || password.length > 256 || /[^\x20-\x7e]/.test(password)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  return classes >= 3;
}

function checkMailNickname(value: unknown, problems: ValidationProblem[], kind: 'user' | 'group'): void {
  const forbidden = kind === 'user' ? USER_NICKNAME_FORBIDDEN : GROUP_NICKNAME_FORBIDDEN;
  if (typeof value !== 'string' || value === '') {
    problems.push({ property: 'mailNickname', message: 'mailNickname is required.' });
  } else if (value.length > 64 || forbidden.test(value) || /[^ -~]/.test(value)) {
    problems.push({
      property: 'mailNickname',
      message: `mailNickname '${value}' is longer than 64 characters or has characters Entra does not allow (non-ASCII, space or @ ( ) \\ [ ] " ; : < > ,${kind === 'group' ? ' .' : ''}).`,
    });
  }
}

function checkDisplayName(value: unknown, problems: ValidationProblem[]): void {
  if (typeof value !== 'string' || value === '')
    problems.push({ property: 'displayName', message: 'displayName is required.' });
  else if (value.length > 256)
    problems.push({ property: 'displayName', message: 'displayName is longer than 256 characters.' });
}

/** Problems with a `POST /users` body. */
export function validateUserCreateBody(
  body: Record<string, unknown>,
  verifiedDomains?: readonly string[],
): ValidationProblem[] {
  const problems = validateUserPrincipalName(body.userPrincipalName, verifiedDomains);
  checkDisplayName(body.displayName, problems);
  checkMailNickname(body.mailNickname, problems, 'user');
  if (typeof body.accountEnabled !== 'boolean') {
    problems.push({ property: 'accountEnabled', message: 'accountEnabled is required (true or false).' });
  }
  const profile = body.passwordProfile as { password?: unknown } | undefined;
  if (!profile || typeof profile.password !== 'string') {
    problems.push({ property: 'passwordProfile', message: 'passwordProfile.password is required.' });
  } else if (!isStrongEnoughPassword(profile.password)) {
    problems.push({
      property: 'passwordProfile',
      message:
        'The password does not meet Entra complexity rules (8-256 ASCII characters, 3 of lower, upper, digit, symbol).',
    });
  }
  for (const name of ['givenName', 'surname'] as const) {
    const v = body[name];
    if (typeof v === 'string' && v.length > 64)
      problems.push({ property: name, message: `${name} is longer than 64 characters.` });
  }
  if (typeof body.jobTitle === 'string' && body.jobTitle.length > 128) {
    problems.push({ property: 'jobTitle', message: 'jobTitle is longer than 128 characters.' });
  }
  return problems;
}

/** Problems with a `POST /groups` body (security or Microsoft 365 group). */
export function validateGroupCreateBody(body: Record<string, unknown>): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  checkDisplayName(body.displayName, problems);
  checkMailNickname(body.mailNickname, problems, 'group');
  if (typeof body.mailEnabled !== 'boolean')
    problems.push({ property: 'mailEnabled', message: 'mailEnabled is required.' });
  if (typeof body.securityEnabled !== 'boolean') {
    problems.push({ property: 'securityEnabled', message: 'securityEnabled is required.' });
  }
  const unified = Array.isArray(body.groupTypes) && body.groupTypes.includes('Unified');
  if (body.mailEnabled === true && !unified) {
    problems.push({
      property: 'mailEnabled',
      message: 'Only Microsoft 365 groups (groupTypes ["Unified"]) can be mail-enabled through Graph.',
    });
  }
  const links = ['members@odata.bind', 'owners@odata.bind'].reduce(
    (n, key) => n + (Array.isArray(body[key]) ? (body[key] as unknown[]).length : 0),
    0,
  );
  if (links > 20)
    problems.push({
      property: 'members@odata.bind',
      message: 'A group create may carry at most 20 member and owner links.',
    });
  return problems;
}
