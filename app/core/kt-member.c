/* kt-member.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The member record and the rules for what a member's profile may hold.
 * Every way in (the GUI form, the CLI, the CSV import) validates through
 * kt_member_validate(), so the rules live here once.
 */

#define G_LOG_DOMAIN "kt-member"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "core/kt-date.h"
#include "core/kt-error.h"
#include "core/kt-member.h"
#include "core/kt-text.h"

#define NAME_MAX_CHARS 200
#define EMAIL_MAX_CHARS 254     /* RFC 5321 path limit */
#define NOTES_MAX_CHARS 4000
#define PHONE_MIN_DIGITS 7
#define PHONE_MAX_DIGITS 15     /* ITU-T E.164 */
#define BIRTH_YEAR_MIN 1900
#define MESSAGE_MAX_CHARS 60

/* ---- the record --------------------------------------------------------- */

KtMember *
kt_member_new (void)
{
  KtMember *member = g_new0 (KtMember, 1);

  member->name = g_strdup ("");
  member->phone = g_strdup ("");
  member->email = g_strdup ("");
  member->notes = g_strdup ("");
  member->joined = g_strdup ("");
  member->card = g_strdup ("");
  member->status = KT_MEMBER_REGULAR;

  return member;
}

KtMember *
kt_member_copy (const KtMember *member)
{
  KtMember *copy;

  g_return_val_if_fail (member != NULL, NULL);

  copy = g_memdup2 (member, sizeof *member);
  copy->name = g_strdup (member->name);
  copy->phone = g_strdup (member->phone);
  copy->email = g_strdup (member->email);
  copy->birth_date = g_strdup (member->birth_date);
  copy->notes = g_strdup (member->notes);
  copy->consent_date = g_strdup (member->consent_date);
  copy->referrer_name = g_strdup (member->referrer_name);
  copy->joined = g_strdup (member->joined);
  copy->card = g_strdup (member->card);
  copy->last_visit = g_strdup (member->last_visit);

  return copy;
}

void
kt_member_free (KtMember *member)
{
  if (member == NULL)
    return;

  g_free (member->name);
  g_free (member->phone);
  g_free (member->email);
  g_free (member->birth_date);
  g_free (member->notes);
  g_free (member->consent_date);
  g_free (member->referrer_name);
  g_free (member->joined);
  g_free (member->card);
  g_free (member->last_visit);
  g_free (member);
}

/* Copies before freeing, so setting a field from itself is safe. */
void
kt_member_set_string (char       **field,
                      const char  *value)
{
  char *copy;

  g_return_if_fail (field != NULL);

  copy = g_strdup (value != NULL ? value : "");
  g_free (*field);
  *field = copy;
}

/* ---- status ------------------------------------------------------------- */

static const char *const status_names[] = {
  [KT_MEMBER_REGULAR] = "regular",
  [KT_MEMBER_VIP] = "vip",
  [KT_MEMBER_BLOCKED] = "blocked",
};

G_STATIC_ASSERT (G_N_ELEMENTS (status_names) == KT_MEMBER_STATUS_LAST + 1);

static gboolean
status_is_valid (KtMemberStatus status)
{
  return (guint) status <= KT_MEMBER_STATUS_LAST;
}

/* The stable name for the database, the CLI and JSON; never translated. */
const char *
kt_member_status_to_string (KtMemberStatus status)
{
  g_return_val_if_fail (status_is_valid (status), NULL);

  return status_names[status];
}

/* Case does not matter, so "VIP" typed on the command line works. */
gboolean
kt_member_status_from_string (const char     *text,
                              KtMemberStatus *out_status)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_ascii_strcasecmp (text, status_names[i]) == 0)
        {
          if (out_status != NULL)
            *out_status = (KtMemberStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
kt_member_status_label (KtMemberStatus status)
{
  switch (status)
    {
    case KT_MEMBER_REGULAR:
      return _("Regular");
    case KT_MEMBER_VIP:
      return _("VIP");
    case KT_MEMBER_BLOCKED:
      return _("Blocked");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---- phone numbers ------------------------------------------------------ */

/* The digits of a phone number, with the leading '+' if it was written:
 * "+380 (67) 123-45-67" -> "+380671234567". Comparing these finds the same
 * number however it was typed. Whether the result is long enough to be a
 * number is for the caller to decide. */
char *
kt_phone_normalize (const char *phone)
{
  GString *out = g_string_new (NULL);
  const char *p = phone != NULL ? phone : "";

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '+')
    g_string_append_c (out, '+');

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* ---- validation --------------------------------------------------------- */

static gboolean
has_control_chars (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

/* Invalid UTF-8 can only come from a broken file or terminal; it is refused
 * rather than repaired, so nothing is stored that differs from what the
 * user sees. */
static gboolean
check_utf8 (const char  *text,
            const char  *message,
            GError     **error)
{
  if (g_utf8_validate (text, -1, NULL))
    return TRUE;

  g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID, message);
  return FALSE;
}

static void
strip_field (char **field)
{
  g_autofree char *stripped = kt_text_strip (*field);

  kt_member_set_string (field, stripped);
}

/* The optional dates are NULL when unknown; an empty string means the
 * same and is stored as NULL. */
static void
strip_optional_field (char **field)
{
  if (*field == NULL)
    return;

  strip_field (field);
  if (**field == '\0')
    g_clear_pointer (field, g_free);
}

static gboolean
validate_name (const char  *name,
               GError     **error)
{
  if (!check_utf8 (name, _("The name is not valid text"), error))
    return FALSE;

  if (*name == '\0')
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("Enter the member’s name"));
      return FALSE;
    }

  if (g_utf8_strlen (name, -1) > NAME_MAX_CHARS)
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("The name is too long: it may have at most 200 characters"));
      return FALSE;
    }

  if (has_control_chars (name))
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("The name contains a line break or another control character"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_phone_char (const char *p,
               const char *start)
{
  /* A '+' belongs only in front, where it stands for the international
   * prefix; anywhere else it is a typing mistake. */
  if (*p == '+')
    return p == start;

  return g_ascii_isdigit (*p) || strchr (" ()-.", *p) != NULL;
}

static gboolean
validate_phone (const char  *phone,
                GError     **error)
{
  g_autofree char *shown = NULL;
  guint digits = 0;

  if (!check_utf8 (phone, _("The phone number is not valid text"), error))
    return FALSE;

  if (*phone == '\0')
    return TRUE;

  shown = kt_text_for_message (phone, MESSAGE_MAX_CHARS);

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (!is_phone_char (p, phone))
        {
          g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                       _("The phone number “%s” is not valid: use only digits, spaces and + ( ) - ."),
                       shown);
          return FALSE;
        }
      if (g_ascii_isdigit (*p))
        digits++;
    }

  if (digits < PHONE_MIN_DIGITS || digits > PHONE_MAX_DIGITS)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The phone number “%s” is not valid: it must have 7 to 15 digits"),
                   shown);
      return FALSE;
    }

  return TRUE;
}

/* A deliberately loose check that catches typing mistakes, not a full RFC
 * 5322 parser: one '@' with something before it, no white space or control
 * characters, and a domain with a dot that is neither at either end nor
 * doubled. */
static gboolean
email_looks_valid (const char *email)
{
  const char *at = strchr (email, '@');
  const char *domain;

  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;

  for (const char *p = email; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        return FALSE;
    }

  domain = at + 1;
  return strchr (domain, '.') != NULL
         && domain[0] != '.'
         && !g_str_has_suffix (domain, ".")
         && strstr (domain, "..") == NULL;
}

static gboolean
validate_email (const char  *email,
                GError     **error)
{
  g_autofree char *shown = NULL;

  if (!check_utf8 (email, _("The e-mail address is not valid text"), error))
    return FALSE;

  if (*email == '\0')
    return TRUE;

  if (g_utf8_strlen (email, -1) > EMAIL_MAX_CHARS)
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("The e-mail address is too long: it may have at most 254 characters"));
      return FALSE;
    }

  if (!email_looks_valid (email))
    {
      shown = kt_text_for_message (email, MESSAGE_MAX_CHARS);
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The e-mail address “%s” is not valid"), shown);
      return FALSE;
    }

  return TRUE;
}

/* TRUE when text starts with a four-digit year before 1900 and a dash:
 * worth its own message, since kt_date_parse() refuses it as out of
 * range. */
static gboolean
is_before_birth_years (const char *text)
{
  guint year = 0;

  for (int i = 0; i < 4; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      year = year * 10 + (guint) (text[i] - '0');
    }

  return text[4] == '-' && year < BIRTH_YEAR_MIN;
}

static gboolean
validate_birth_date (const char  *birth_date,
                     const char  *today,
                     GError     **error)
{
  g_autofree char *shown = NULL;

  if (birth_date == NULL)
    return TRUE;

  shown = kt_text_for_message (birth_date, MESSAGE_MAX_CHARS);

  if (is_before_birth_years (birth_date))
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The birth date %s is before 1900: check the year"), shown);
      return FALSE;
    }

  if (!kt_date_is_valid (birth_date))
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The birth date “%s” is not a valid date: write it as YYYY-MM-DD, for example 1985-03-31"),
                   shown);
      return FALSE;
    }

  /* Both are YYYY-MM-DD, which compare as text. */
  if (strcmp (birth_date, today) > 0)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The birth date %s is in the future"), shown);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_consent_date (const char  *consent_date,
                       GError     **error)
{
  g_autofree char *shown = NULL;

  if (consent_date == NULL || kt_date_is_valid (consent_date))
    return TRUE;

  shown = kt_text_for_message (consent_date, MESSAGE_MAX_CHARS);
  g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
               _("The consent date “%s” is not a valid date: write it as YYYY-MM-DD, for example 2024-03-31"),
               shown);
  return FALSE;
}

static gboolean
validate_status (KtMemberStatus   status,
                 GError         **error)
{
  if (status_is_valid (status))
    return TRUE;

  g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
               _("The member status %d is not valid: it must be regular, VIP or blocked"),
               (int) status);
  return FALSE;
}

static gboolean
validate_referrer (const KtMember  *member,
                   GError         **error)
{
  if (member->referrer_id >= 0
      && (member->referrer_id == 0 || member->referrer_id != member->id))
    return TRUE;

  g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                       member->referrer_id < 0
                       ? _("The referring member is not valid")
                       : _("A member cannot be their own referrer"));
  return FALSE;
}

static gboolean
validate_notes (const char  *notes,
                GError     **error)
{
  if (!check_utf8 (notes, _("The notes are not valid text"), error))
    return FALSE;

  if (g_utf8_strlen (notes, -1) > NOTES_MAX_CHARS)
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("The notes are too long: they may have at most 4000 characters"));
      return FALSE;
    }

  return TRUE;
}

/* Tidies the profile in place (surrounding white space trimmed, empty
 * optional dates made NULL), then checks it field by field and reports the
 * first problem. today is YYYY-MM-DD, NULL for the current local date; tests
 * pass a fixed one. */
gboolean
kt_member_validate (KtMember    *member,
                    const char  *today,
                    GError     **error)
{
  g_autofree char *today_owned = NULL;

  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (today == NULL || kt_date_is_valid (today), FALSE);

  if (today == NULL)
    today = today_owned = kt_date_today ();

  strip_field (&member->name);
  strip_field (&member->phone);
  strip_field (&member->email);
  strip_field (&member->notes);
  strip_optional_field (&member->birth_date);
  strip_optional_field (&member->consent_date);

  return validate_name (member->name, error)
         && validate_phone (member->phone, error)
         && validate_email (member->email, error)
         && validate_birth_date (member->birth_date, today, error)
         && validate_consent_date (member->consent_date, error)
         && validate_status (member->status, error)
         && validate_referrer (member, error)
         && validate_notes (member->notes, error);
}
