/* test-store-search.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core/kt-text.h"
#include "kt-test-util.h"

static GPtrArray *
first_page (KtStore    *store,
            const char *text,
            guint       limit)
{
  KtMemberQuery query = { text, KT_MEMBER_SORT_NAME, FALSE };
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  rows = kt_store_member_page (store, &query, NULL, 0, limit, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static gboolean
page_has_name (GPtrArray  *rows,
               const char *name)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((KtMember *) rows->pdata[i])->name, name))
      return TRUE;
  return FALSE;
}

static void
test_search_fields (void)
{
  KtTestRegister reg = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) card = NULL;
  g_autofree char *card_prefix = NULL;
  struct { const char *typed; const char *expected; } cases[] = {
    { "ivan", "Ivan Petrov" },
    { "PETR", "Ivan Petrov" },
    { "petrov ivan", "Ivan Petrov" },          /* words in any order */
    { "олен", "Олена Коваль" },                 /* Cyrillic, any case */
    { "ОЛЕНА ков", "Олена Коваль" },
    { "arpad", "Kovács Árpád" },               /* accents not needed */
    { "KOVÁCS", "Kovács Árpád" },
    { "380671234567", "Олена Коваль" },        /* phone as digits */
    { "+380 67 123", "Олена Коваль" },         /* phone as written */
    { "1234567", "Олена Коваль" },             /* local number */
    { "arpi", "Kovács Árpád" },                /* e-mail before the @ */
  };
  struct { const char *typed; const char *not_expected; } misses[] = {
    { "van", "Ivan Petrov" },                  /* prefixes only, not inside words */
    { "freemail", "Kovács Árpád" },            /* not the e-mail domain */
    { "ivan olena", "Ivan Petrov" },           /* every word must match */
  };

  kt_test_register_open (&reg);
  kt_test_add_member (reg.store, "Ivan Petrov", "+7 916 555-01-02", "ivan.petrov@mail.ru");
  kt_test_add_member (reg.store, "Олена Коваль", "+380 67 123 45 67", "olena@ukr.net");
  kt_test_add_member (reg.store, "Kovács Árpád", "+36 30 987 6543", "arpi@freemail.hu");
  kt_test_add_member (reg.store, "Emily Clark", "", "");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) rows = first_page (reg.store, cases[i].typed, 50);

      g_test_message ("searching “%s”", cases[i].typed);
      g_assert_cmpuint (rows->len, ==, 1);
      g_assert_true (page_has_name (rows, cases[i].expected));
    }
  for (guint i = 0; i < G_N_ELEMENTS (misses); i++)
    {
      g_autoptr(GPtrArray) rows = first_page (reg.store, misses[i].typed, 50);

      g_test_message ("searching “%s”", misses[i].typed);
      g_assert_false (page_has_name (rows, misses[i].not_expected));
    }

  /* Card numbers are searchable too, from their first digits. */
  {
    g_autoptr(GPtrArray) rows = first_page (reg.store, "emily", 1);
    card = kt_store_card_issue (reg.store, ((KtMember *) rows->pdata[0])->id, &error);
    g_assert_no_error (error);
  }
  card_prefix = g_strndup (card->number, 10);
  {
    g_autoptr(GPtrArray) rows = first_page (reg.store, card_prefix, 50);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_true (page_has_name (rows, "Emily Clark"));
    g_assert_cmpstr (((KtMember *) rows->pdata[0])->card, ==, card->number);
  }

  /* Nothing searchable typed: everyone. */
  {
    g_autoptr(GPtrArray) rows = first_page (reg.store, " - ", 50);
    g_assert_cmpuint (rows->len, ==, 4);
  }

  kt_test_register_close (&reg);
}

/* Walks every page of a query, each continuing from the last row of the
 * previous one, and checks it against reading by offset. */
static GPtrArray *
walk_query (KtStore             *store,
            const KtMemberQuery *query,
            guint                page_size)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_member_free);
  const KtMember *after = NULL;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) keyset = kt_store_member_page (store, query, after, 0, page_size, &error);
      g_autoptr(GPtrArray) by_offset = kt_store_member_page (store, query, NULL, all->len,
                                                             page_size, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (keyset->len, ==, by_offset->len);
      for (guint i = 0; i < keyset->len; i++)
        g_assert_cmpint (((KtMember *) keyset->pdata[i])->id, ==,
                         ((KtMember *) by_offset->pdata[i])->id);
      if (keyset->len == 0)
        break;
      for (guint i = 0; i < keyset->len; i++)
        g_ptr_array_add (all, g_steal_pointer (&keyset->pdata[i]));
      after = all->pdata[all->len - 1];
    }
  return all;
}

static int
compare_for_sort (const KtMember *a,
                  const KtMember *b,
                  KtMemberSort    sort)
{
  g_autofree char *ka = NULL;
  g_autofree char *kb = NULL;

  switch (sort)
    {
    case KT_MEMBER_SORT_NAME:
      ka = kt_text_fold (a->name);
      kb = kt_text_fold (b->name);
      return strcmp (ka, kb);
    case KT_MEMBER_SORT_CARD:
      return strcmp (a->card, b->card);
    case KT_MEMBER_SORT_PHONE:
      return strcmp (a->phone, b->phone);
    case KT_MEMBER_SORT_STATUS:
      if (a->status != b->status)
        return a->status < b->status ? -1 : 1;
      ka = kt_text_fold (a->name);
      kb = kt_text_fold (b->name);
      return strcmp (ka, kb);
    case KT_MEMBER_SORT_TOTAL_SPENT:
      return (a->total_spent > b->total_spent) - (a->total_spent < b->total_spent);
    case KT_MEMBER_SORT_PURCHASES:
      return (a->purchase_count > b->purchase_count) - (a->purchase_count < b->purchase_count);
    case KT_MEMBER_SORT_LAST_VISIT:
      return g_strcmp0 (a->last_visit ? a->last_visit : "", b->last_visit ? b->last_visit : "");
    case KT_MEMBER_SORT_POINTS:
      return (a->points > b->points) - (a->points < b->points);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
member_matches (const KtMember *member,
                const char     *typed)
{
  g_autofree char *phone_digits = kt_phone_normalize (member->phone);
  g_autofree char *local_part = g_strndup (member->email, strcspn (member->email, "@"));
  const char *digits = phone_digits[0] == '+' ? phone_digits + 1 : phone_digits;
  const char *local_number = strlen (digits) > 7 ? digits + strlen (digits) - 7 : "";
  const char *fields[] = { member->name, digits, local_number, local_part, member->card, NULL };
  g_autofree char *words = kt_text_search_tokens (fields);
  g_auto(GStrv) query = kt_text_query_tokens (typed);

  return kt_text_tokens_match (words, (const char *const *) query);
}

static void
check_ordered_listing (KtStore    *store,
                       const char *text,
                       guint       expected_min)
{
  for (int sort = 0; sort <= KT_MEMBER_SORT_LAST; sort++)
    for (int descending = 0; descending <= 1; descending++)
      {
        KtMemberQuery query = { text, sort, descending };
        g_autoptr(GPtrArray) rows = walk_query (store, &query, 97);
        g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
        g_autoptr(GError) error = NULL;
        guint count = 0;

        g_test_message ("“%s”, sort %d, descending %d: %u rows", text, sort, descending, rows->len);
        g_assert_true (kt_store_member_count (store, &query, &count, &error));
        g_assert_cmpuint (rows->len, ==, count);
        g_assert_cmpuint (count, >=, expected_min);

        for (guint i = 0; i < rows->len; i++)
          {
            KtMember *m = rows->pdata[i];

            g_assert_false (g_hash_table_contains (seen, &m->id));
            g_hash_table_add (seen, &m->id);
            if (text != NULL && *text != '\0')
              g_assert_true (member_matches (m, text));
            if (i > 0)
              {
                int order = compare_for_sort (rows->pdata[i - 1], m, sort);
                g_assert_cmpint (descending ? -order : order, <=, 0);
              }
          }
      }
}

static void
test_search_orders_and_pages (void)
{
  KtTestRegister reg = { 0, };
  g_autoptr(GError) error = NULL;
  guint everyone = 0;
  KtMemberQuery all = { NULL, KT_MEMBER_SORT_NAME, FALSE };

  kt_test_register_open_demo (&reg, 7000, 20000, 7);
  g_assert_true (kt_store_member_count (reg.store, &all, &everyone, &error));
  g_assert_cmpuint (everyone, >, 6500);

  /* Everyone, in every order, by keyset and by offset. */
  check_ordered_listing (reg.store, NULL, everyone);
  /* Every card number starts with 2: thousands of matches, taken by
   * walking the sort order's index. */
  check_ordered_listing (reg.store, "2", 5001);
  /* One letter, fewer matches: collected and sorted. */
  check_ordered_listing (reg.store, "a", 100);
  /* A rarer prefix: a few matches, collected and sorted. */
  check_ordered_listing (reg.store, "kov", 1);

  kt_test_register_close (&reg);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-search/fields", test_search_fields);
  g_test_add_func ("/store-search/orders-and-pages", test_search_orders_and_pages);

  return g_test_run ();
}
