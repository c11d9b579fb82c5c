/* test-member.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The member record and its validation, and the ISO dates (kt-date) that
 * the member's birth, consent and visit dates are written in.
 */

#define G_LOG_DOMAIN "test-member"

#include "config.h"

#include <glib.h>
#include <string.h>

#include "core/kt-date.h"
#include "core/kt-error.h"
#include "core/kt-member.h"

#define TODAY "2024-06-15"

/* ---- the record --------------------------------------------------------- */

static void
test_new (void)
{
  g_autoptr(KtMember) member = kt_member_new ();

  g_assert_cmpstr (member->name, ==, "");
  g_assert_cmpstr (member->phone, ==, "");
  g_assert_cmpstr (member->email, ==, "");
  g_assert_cmpstr (member->notes, ==, "");
  g_assert_cmpstr (member->joined, ==, "");
  g_assert_cmpstr (member->card, ==, "");
  g_assert_null (member->birth_date);
  g_assert_null (member->consent_date);
  g_assert_null (member->last_visit);
  g_assert_null (member->referrer_name);
  g_assert_cmpint (member->status, ==, KT_MEMBER_REGULAR);
  g_assert_cmpint (member->id, ==, 0);
  g_assert_cmpint (member->points, ==, 0);
}

static void
test_copy (void)
{
  g_autoptr(KtMember) member = kt_member_new ();
  g_autoptr(KtMember) copy = NULL;

  kt_member_set_string (&member->name, "Олена Петренко");
  kt_member_set_string (&member->birth_date, "1985-03-31");
  member->id = 42;
  member->status = KT_MEMBER_VIP;
  member->total_spent = 123450;

  copy = kt_member_copy (member);
  kt_member_set_string (&member->name, "Someone else");

  g_assert_cmpstr (copy->name, ==, "Олена Петренко");
  g_assert_cmpstr (copy->birth_date, ==, "1985-03-31");
  g_assert_null (copy->consent_date);
  g_assert_cmpstr (copy->card, ==, "");
  g_assert_cmpint (copy->id, ==, 42);
  g_assert_cmpint (copy->status, ==, KT_MEMBER_VIP);
  g_assert_cmpint (copy->total_spent, ==, 123450);
  g_assert_true (copy->name != member->name);
}

static void
test_set_string (void)
{
  g_autoptr(KtMember) member = kt_member_new ();

  kt_member_set_string (&member->phone, "+36 30 123 4567");
  g_assert_cmpstr (member->phone, ==, "+36 30 123 4567");

  /* From itself: must not read freed memory. */
  kt_member_set_string (&member->phone, member->phone);
  g_assert_cmpstr (member->phone, ==, "+36 30 123 4567");

  kt_member_set_string (&member->phone, NULL);
  g_assert_cmpstr (member->phone, ==, "");
}

static void
test_status (void)
{
  KtMemberStatus status = KT_MEMBER_BLOCKED;

  g_assert_cmpstr (kt_member_status_to_string (KT_MEMBER_REGULAR), ==, "regular");
  g_assert_cmpstr (kt_member_status_to_string (KT_MEMBER_VIP), ==, "vip");
  g_assert_cmpstr (kt_member_status_to_string (KT_MEMBER_BLOCKED), ==, "blocked");

  for (KtMemberStatus s = KT_MEMBER_REGULAR; s <= KT_MEMBER_STATUS_LAST; s++)
    {
      g_assert_true (kt_member_status_from_string (kt_member_status_to_string (s), &status));
      g_assert_cmpint (status, ==, s);
    }

  g_assert_true (kt_member_status_from_string ("VIP", &status));
  g_assert_cmpint (status, ==, KT_MEMBER_VIP);
  g_assert_true (kt_member_status_from_string ("regular", NULL));

  status = KT_MEMBER_BLOCKED;
  g_assert_false (kt_member_status_from_string ("gold", &status));
  g_assert_false (kt_member_status_from_string ("", &status));
  g_assert_false (kt_member_status_from_string (NULL, &status));
  g_assert_cmpint (status, ==, KT_MEMBER_BLOCKED);

  g_assert_cmpstr (kt_member_status_label (KT_MEMBER_REGULAR), ==, "Regular");
  g_assert_cmpstr (kt_member_status_label (KT_MEMBER_VIP), ==, "VIP");
  g_assert_cmpstr (kt_member_status_label (KT_MEMBER_BLOCKED), ==, "Blocked");
}

static void
test_phone_normalize (void)
{
  const struct
  {
    const char *phone;
    const char *normal;
  } cases[] = {
    { "+380 (67) 123-45-67", "+380671234567" },
    { "  +36 30 123 4567", "+36301234567" },
    { "067 123 45 67", "0671234567" },
    { "8.800.555.35.35", "88005553535" },
    { "12+34", "1234" },
    { "", "" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normal = kt_phone_normalize (cases[i].phone);

      g_assert_cmpstr (normal, ==, cases[i].normal);
    }
}

/* ---- validation --------------------------------------------------------- */

static KtMember *
valid_member (void)
{
  KtMember *member = kt_member_new ();

  kt_member_set_string (&member->name, "Олена Петренко");
  kt_member_set_string (&member->phone, "+380 67 123 45 67");
  kt_member_set_string (&member->email, "olena@example.ua");
  kt_member_set_string (&member->birth_date, "1985-03-31");
  kt_member_set_string (&member->notes, "Prefers e-mail.\nAllergic to nuts.");
  member->consent = TRUE;
  kt_member_set_string (&member->consent_date, "2024-01-10");
  member->status = KT_MEMBER_VIP;

  return member;
}

static void
assert_invalid (KtMember   *member,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kt_member_validate (member, TODAY, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
}

static void
test_validate_valid (void)
{
  g_autoptr(KtMember) member = valid_member ();
  g_autoptr(GError) error = NULL;

  g_assert_true (kt_member_validate (member, TODAY, &error));
  g_assert_no_error (error);

  /* Only the name is required. */
  g_clear_pointer (&member, kt_member_free);
  member = kt_member_new ();
  kt_member_set_string (&member->name, "Kovács Árpád");
  g_assert_true (kt_member_validate (member, TODAY, &error));
  g_assert_no_error (error);

  /* Without a date, today is the real one. */
  g_assert_true (kt_member_validate (member, NULL, &error));
  g_assert_no_error (error);
}

static void
test_validate_trims (void)
{
  g_autoptr(KtMember) member = valid_member ();

  kt_member_set_string (&member->name, "  Олена Петренко \n");
  kt_member_set_string (&member->phone, " 067 123 45 67 ");
  kt_member_set_string (&member->email, "\tolena@example.ua ");
  kt_member_set_string (&member->birth_date, " ");
  kt_member_set_string (&member->consent_date, " 2024-01-10 ");

  g_assert_true (kt_member_validate (member, TODAY, NULL));
  g_assert_cmpstr (member->name, ==, "Олена Петренко");
  g_assert_cmpstr (member->phone, ==, "067 123 45 67");
  g_assert_cmpstr (member->email, ==, "olena@example.ua");
  g_assert_null (member->birth_date);
  g_assert_cmpstr (member->consent_date, ==, "2024-01-10");
}

static void
test_validate_name (void)
{
  g_autoptr(KtMember) member = valid_member ();
  g_autofree char *longest = g_strnfill (200, 'x');
  g_autofree char *too_long = g_strnfill (201, 'x');

  kt_member_set_string (&member->name, "   ");
  assert_invalid (member, "Enter the member’s name");

  kt_member_set_string (&member->name, too_long);
  assert_invalid (member, "name is too long");

  kt_member_set_string (&member->name, "Anna\nNagy");
  assert_invalid (member, "name contains a line break");

  kt_member_set_string (&member->name, "Anna \xff");
  assert_invalid (member, "name is not valid text");

  kt_member_set_string (&member->name, longest);
  g_assert_true (kt_member_validate (member, TODAY, NULL));
}

static void
test_validate_phone (void)
{
  const char *accepted[] = { "+380 (67) 123-45-67", "1234567", "8.800.555.35.35", "+123456789012345" };
  const struct
  {
    const char *phone;
    const char *message_part;
  } refused[] = {
    { "123456", "7 to 15 digits" },
    { "+1234567890123456", "7 to 15 digits" },
    { "+38 (0xx) 123", "use only digits" },
    { "067-ABC-4567", "use only digits" },
    { "067 123 45 67 ext 5", "use only digits" },
    { "067+1234567", "use only digits" },
    { "067/1234567", "use only digits" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(KtMember) member = valid_member ();
      g_autoptr(GError) error = NULL;

      kt_member_set_string (&member->phone, accepted[i]);
      g_assert_true (kt_member_validate (member, TODAY, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(KtMember) member = valid_member ();
      g_autofree char *quoted = g_strdup_printf ("The phone number “%s”", refused[i].phone);

      kt_member_set_string (&member->phone, refused[i].phone);
      assert_invalid (member, refused[i].message_part);
      assert_invalid (member, quoted);
    }
}

static void
test_validate_email (void)
{
  const char *accepted[] = { "olena@example.ua", "a.b+shop@mail.example.com", "ödön@példa.hu" };
  const char *refused[] = {
    "x@", "olena", "@example.ua", "olena@example", "olena@@example.ua", "olena@ex@ample.ua",
    "olena petrenko@example.ua", "olena@.example.ua", "olena@example.ua.", "olena@example..ua",
  };
  g_autoptr(KtMember) member = valid_member ();
  g_autoptr(GString) too_long = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;

      kt_member_set_string (&member->email, accepted[i]);
      g_assert_true (kt_member_validate (member, TODAY, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *message = g_strdup_printf ("The e-mail address “%s” is not valid", refused[i]);

      kt_member_set_string (&member->email, refused[i]);
      assert_invalid (member, message);
    }

  while (too_long->len < 250)
    g_string_append (too_long, "abcdefghij");
  g_string_append (too_long, "@example.ua");
  kt_member_set_string (&member->email, too_long->str);
  assert_invalid (member, "e-mail address is too long");
}

static void
test_validate_birth_date (void)
{
  g_autoptr(KtMember) member = valid_member ();

  kt_member_set_string (&member->birth_date, "2024-06-16");
  assert_invalid (member, "The birth date 2024-06-16 is in the future");

  kt_member_set_string (&member->birth_date, "2030-01-01");
  assert_invalid (member, "in the future");

  kt_member_set_string (&member->birth_date, "1899-12-31");
  assert_invalid (member, "before 1900");

  kt_member_set_string (&member->birth_date, "0985-03-31");
  assert_invalid (member, "before 1900");

  kt_member_set_string (&member->birth_date, "2023-02-29");
  assert_invalid (member, "The birth date “2023-02-29” is not a valid date");

  kt_member_set_string (&member->birth_date, "31.03.1985");
  assert_invalid (member, "The birth date “31.03.1985” is not a valid date");

  kt_member_set_string (&member->birth_date, TODAY);
  g_assert_true (kt_member_validate (member, TODAY, NULL));

  kt_member_set_string (&member->birth_date, "1900-01-01");
  g_assert_true (kt_member_validate (member, TODAY, NULL));

  kt_member_set_string (&member->birth_date, "2024-02-29");
  g_assert_true (kt_member_validate (member, TODAY, NULL));
}

static void
test_validate_other_fields (void)
{
  g_autoptr(KtMember) member = valid_member ();
  g_autofree char *notes = g_strnfill (4001, 'n');

  kt_member_set_string (&member->consent_date, "2024-13-01");
  assert_invalid (member, "The consent date “2024-13-01” is not a valid date");
  kt_member_set_string (&member->consent_date, "2024-01-10");

  member->status = (KtMemberStatus) 7;
  assert_invalid (member, "status 7 is not valid");
  member->status = KT_MEMBER_BLOCKED;

  member->id = 5;
  member->referrer_id = 5;
  assert_invalid (member, "their own referrer");
  member->referrer_id = 4;

  kt_member_set_string (&member->notes, notes);
  assert_invalid (member, "notes are too long");
  notes[4000] = '\0';
  kt_member_set_string (&member->notes, notes);

  g_assert_true (kt_member_validate (member, TODAY, NULL));
}

/* ---- dates -------------------------------------------------------------- */

static void
test_date_parse (void)
{
  const char *accepted[] = { "2024-02-29", "1900-01-01", "2200-12-31", "1985-03-31" };
  const char *refused[] = {
    "", "2023-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "1899-12-31",
    "2201-01-01", "2024-1-5", "2024/01/05", "24-01-05", "2024-01-05 ", " 2024-01-05",
    "2024-01-05 10:00", "31.03.1985", "abcd-ef-gh",
  };
  GDate date;

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autofree char *back = NULL;

      g_date_clear (&date, 1);
      g_assert_true (kt_date_parse (accepted[i], &date, NULL));
      back = kt_date_from_gdate (&date);
      g_assert_cmpstr (back, ==, accepted[i]);
      g_assert_true (kt_date_is_valid (accepted[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      if (kt_date_parse (refused[i], NULL, &error))
        g_error ("“%s” was accepted as a date", refused[i]);
      g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
      g_assert_false (kt_date_is_valid (refused[i]));
    }

  g_assert_false (kt_date_is_valid (NULL));
}

static void
test_date_today (void)
{
  g_autofree char *today = kt_date_today ();
  g_autofree char *now = kt_datetime_now ();

  g_assert_true (kt_date_is_valid (today));
  g_assert_cmpuint (strlen (now), ==, 19);
  /* Midnight may pass between the two calls; a day apart at most. */
  g_assert_cmpint (ABS (kt_date_days_between (today, now)), <=, 1);
}

static void
test_datetime_parse (void)
{
  const struct
  {
    const char *text;
    const char *formatted;
  } accepted[] = {
    { "2024-03-31 14:05", "2024-03-31 14:05:00" },
    { "2024-03-31 14:05:09", "2024-03-31 14:05:09" },
    { "2024-03-31T14:05:09", "2024-03-31 14:05:09" },
    { "2024-12-31 23:59:59", "2024-12-31 23:59:59" },
    { "2024-01-01 00:00", "2024-01-01 00:00:00" },
  };
  const char *refused[] = {
    "", "2024-03-31", "2024-03-31 ", "2024-03-31 24:00", "2024-03-31 12:60",
    "2024-03-31 12:00:60", "2024-03-31 1:05", "2024-03-31 14:05:0", "2024-03-31 14:05:09Z",
    "2024-02-30 10:00", "2024-03-31_14:05",
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GDateTime) datetime = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *formatted = NULL;

      g_assert_true (kt_datetime_parse (accepted[i].text, &datetime, &error));
      g_assert_no_error (error);
      formatted = kt_datetime_format (datetime);
      g_assert_cmpstr (formatted, ==, accepted[i].formatted);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GDateTime) datetime = NULL;
      g_autoptr(GError) error = NULL;

      if (kt_datetime_parse (refused[i], &datetime, &error))
        g_error ("“%s” was accepted as a date and time", refused[i]);
      g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
      g_assert_null (datetime);
    }
}

static void
test_days_between (void)
{
  g_assert_cmpint (kt_date_days_between ("2024-01-01", "2024-01-31"), ==, 30);
  g_assert_cmpint (kt_date_days_between ("2024-01-31", "2024-01-01"), ==, -30);
  g_assert_cmpint (kt_date_days_between ("2024-02-28", "2024-03-01"), ==, 2);   /* leap year */
  g_assert_cmpint (kt_date_days_between ("2023-02-28", "2023-03-01"), ==, 1);
  g_assert_cmpint (kt_date_days_between ("2024-03-31 23:59:59", "2024-04-01 00:00:01"), ==, 1);
  g_assert_cmpint (kt_date_days_between ("2023-06-15", "2024-06-15"), ==, 366);
  g_assert_cmpint (kt_date_days_between ("2024-06-15", "2024-06-15 18:00:00"), ==, 0);
  g_assert_cmpint (kt_date_days_between ("never", "2024-06-15"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/member/new", test_new);
  g_test_add_func ("/member/copy", test_copy);
  g_test_add_func ("/member/set-string", test_set_string);
  g_test_add_func ("/member/status", test_status);
  g_test_add_func ("/member/phone-normalize", test_phone_normalize);
  g_test_add_func ("/member/validate/valid", test_validate_valid);
  g_test_add_func ("/member/validate/trims", test_validate_trims);
  g_test_add_func ("/member/validate/name", test_validate_name);
  g_test_add_func ("/member/validate/phone", test_validate_phone);
  g_test_add_func ("/member/validate/email", test_validate_email);
  g_test_add_func ("/member/validate/birth-date", test_validate_birth_date);
  g_test_add_func ("/member/validate/other-fields", test_validate_other_fields);
  g_test_add_func ("/member/date/parse", test_date_parse);
  g_test_add_func ("/member/date/today", test_date_today);
  g_test_add_func ("/member/date/datetime-parse", test_datetime_parse);
  g_test_add_func ("/member/date/days-between", test_days_between);

  return g_test_run ();
}
