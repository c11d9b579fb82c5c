/* test-text.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-text"

#include "config.h"

#include <glib.h>

#include "core/kt-text.h"

static void
assert_fold (const char *text,
             const char *expected)
{
  g_autofree char *folded = kt_text_fold (text);

  g_assert_cmpstr (folded, ==, expected);
}

static void
test_fold_latin (void)
{
  assert_fold ("ÁRPÁD Kovács", "arpad kovacs");
  assert_fold ("Szabó Ödön", "szabo odon");
  assert_fold ("Őrs Űrös", "ors uros");
  assert_fold ("Straße", "strasse");
  assert_fold ("François Müller", "francois muller");
  assert_fold ("Łukasz", "łukasz");   /* Ł is a letter of its own, not L + mark */
  assert_fold ("ﬁona", "fiona");      /* compatibility ligature */
}

static void
test_fold_cyrillic (void)
{
  assert_fold ("Олена", "олена");
  assert_fold ("ПЕТРЕНКО Олена", "петренко олена");
  assert_fold ("Ґава Євгенія", "ґава євгенія");
  assert_fold ("Щербак", "щербак");
  /* Marks are dropped everywhere, so й/ё/ї fold to и/е/і: a name is found
   * whether or not it was typed with them. */
  assert_fold ("Ёлкин Йосип", "елкин иосип");
  assert_fold ("Їжак", "іжак");
}

static void
test_fold_whitespace (void)
{
  assert_fold ("  Szabó \t  Ödön \n", "szabo odon");
  assert_fold ("Anna\u00a0Nagy", "anna nagy");
  assert_fold ("soft\u00adhyphen", "softhyphen");
  assert_fold ("", "");
  assert_fold ("   ", "");
  assert_fold (NULL, "");
}

static void
test_fold_invalid_utf8 (void)
{
  g_autofree char *folded = kt_text_fold ("Anna\xff Nagy");

  g_assert_true (g_utf8_validate (folded, -1, NULL));
  g_assert_true (g_str_has_prefix (folded, "anna"));
}

static void
test_search_tokens (void)
{
  const char *fields[] = {
    "Szabó Ödön", "+36 (30) 123-4567", "odon.szabo@example.hu", "", "2000000000015", NULL
  };
  const char *only_empty[] = { "", "  ", NULL };
  g_autofree char *tokens = kt_text_search_tokens (fields);
  g_autofree char *nothing = kt_text_search_tokens (only_empty);
  g_autofree char *none = kt_text_search_tokens (NULL);

  g_assert_cmpstr (tokens, ==, "szabo odon 36 30 123 4567 odon szabo example hu 2000000000015");
  g_assert_cmpstr (nothing, ==, "");
  g_assert_cmpstr (none, ==, "");
}

static void
test_query_tokens (void)
{
  g_auto(GStrv) two = kt_text_query_tokens ("  Ivan  PETROV ");
  g_auto(GStrv) apostrophe = kt_text_query_tokens ("O'Brien");
  g_auto(GStrv) empty = kt_text_query_tokens ("");
  g_auto(GStrv) punctuation = kt_text_query_tokens (" -- ");
  g_auto(GStrv) null = kt_text_query_tokens (NULL);
  g_auto(GStrv) many = kt_text_query_tokens ("a b c d e f g h i j k");

  g_assert_cmpuint (g_strv_length (two), ==, 2);
  g_assert_cmpstr (two[0], ==, "ivan");
  g_assert_cmpstr (two[1], ==, "petrov");

  g_assert_cmpuint (g_strv_length (apostrophe), ==, 2);
  g_assert_cmpstr (apostrophe[0], ==, "o");
  g_assert_cmpstr (apostrophe[1], ==, "brien");

  g_assert_nonnull (empty);
  g_assert_cmpuint (g_strv_length (empty), ==, 0);
  g_assert_cmpuint (g_strv_length (punctuation), ==, 0);
  g_assert_cmpuint (g_strv_length (null), ==, 0);

  g_assert_cmpuint (g_strv_length (many), ==, KT_TEXT_MAX_QUERY_TOKENS);
  g_assert_cmpstr (many[KT_TEXT_MAX_QUERY_TOKENS - 1], ==, "h");
}

/* Stores a row's search text the way the store does and asks whether
 * what the user typed finds it. */
static gboolean
finds (const char *row,
       const char *query)
{
  const char *fields[] = { row, NULL };
  g_autofree char *tokens = kt_text_search_tokens (fields);
  g_auto(GStrv) query_tokens = kt_text_query_tokens (query);

  return kt_text_tokens_match (tokens, (const char *const *) query_tokens);
}

static void
test_match (void)
{
  const char *row = "Ivan Petrov +380 67 123 45 67 ivan.p@mail.ua";

  g_assert_true (finds (row, "iv"));
  g_assert_true (finds (row, "IVAN"));
  g_assert_true (finds (row, "pet"));
  g_assert_true (finds (row, "pet iv"));
  g_assert_true (finds (row, "petrov ivan"));
  g_assert_true (finds (row, "380"));
  g_assert_true (finds (row, "mail"));
  g_assert_true (finds (row, ""));

  /* Prefixes of words only: "an" is inside "ivan", not the start of a word. */
  g_assert_false (finds (row, "an"));
  g_assert_false (finds (row, "etrov"));
  g_assert_false (finds (row, "petrova"));
  g_assert_false (finds (row, "ivan sidorov"));
  g_assert_false (finds (row, "ua2"));
}

static void
test_match_folded (void)
{
  g_assert_true (finds ("ÁRPÁD Kovács", "arpad"));
  g_assert_true (finds ("ÁRPÁD Kovács", "Árp kov"));
  g_assert_true (finds ("Arpad Kovacs", "ÁRPÁD"));
  g_assert_true (finds ("Олена Петренко", "ОЛЕ пет"));
  g_assert_true (finds ("Олена Петренко", "олена"));
  g_assert_true (finds ("Ёлкин", "елк"));
  g_assert_false (finds ("Олена Петренко", "лена"));
}

static void
test_match_edges (void)
{
  const char *one[] = { "a", NULL };
  const char *empty[] = { NULL };

  g_assert_true (kt_text_tokens_match (NULL, empty));
  g_assert_true (kt_text_tokens_match (NULL, NULL));
  g_assert_false (kt_text_tokens_match (NULL, one));
  g_assert_false (kt_text_tokens_match ("", one));
  g_assert_true (kt_text_tokens_match ("a", one));
  g_assert_true (kt_text_tokens_match ("b a", one));
  g_assert_false (kt_text_tokens_match ("b ba", one));
  g_assert_true (kt_text_tokens_match ("", empty));
}

static void
test_strip (void)
{
  g_autofree char *stripped = kt_text_strip ("  Anna Nagy \r\n");
  g_autofree char *empty = kt_text_strip (NULL);

  g_assert_cmpstr (stripped, ==, "Anna Nagy");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_for_message (void)
{
  g_autofree char *short_text = kt_text_for_message ("12 UAH", 10);
  g_autofree char *exact = kt_text_for_message ("0123456789", 10);
  g_autofree char *cut = kt_text_for_message ("Олена Петренко", 6);
  g_autofree char *broken = kt_text_for_message ("a\xffz", 10);
  g_autofree char *lines = kt_text_for_message ("a\nb", 10);

  g_assert_cmpstr (short_text, ==, "12 UAH");
  g_assert_cmpstr (exact, ==, "0123456789");
  g_assert_cmpstr (cut, ==, "Олена…");
  g_assert_true (g_utf8_validate (broken, -1, NULL));
  g_assert_cmpstr (lines, ==, "a b");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/fold/latin", test_fold_latin);
  g_test_add_func ("/text/fold/cyrillic", test_fold_cyrillic);
  g_test_add_func ("/text/fold/whitespace", test_fold_whitespace);
  g_test_add_func ("/text/fold/invalid-utf8", test_fold_invalid_utf8);
  g_test_add_func ("/text/search-tokens", test_search_tokens);
  g_test_add_func ("/text/query-tokens", test_query_tokens);
  g_test_add_func ("/text/match", test_match);
  g_test_add_func ("/text/match/folded", test_match_folded);
  g_test_add_func ("/text/match/edges", test_match_edges);
  g_test_add_func ("/text/strip", test_strip);
  g_test_add_func ("/text/for-message", test_for_message);

  return g_test_run ();
}
