/* kt-test-util.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small helpers shared by the store tests: a register in a fresh temporary
 * folder that disappears with the test, and members and cards in it.
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include <string.h>

#include "core/kt-date.h"
#include "store/kt-store.h"

typedef struct
{
  char    *dir;
  char    *path;
  KtStore *store;
} KtTestRegister;

static inline void
kt_test_register_open (KtTestRegister *reg)
{
  g_autoptr(GError) error = NULL;

  reg->dir = g_dir_make_tmp ("kartoteka-test-XXXXXX", &error);
  g_assert_no_error (error);
  reg->path = g_build_filename (reg->dir, "register.db", NULL);
  reg->store = kt_store_open (reg->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reg->store);
}

/* Removes a closed register at `path`, the files SQLite keeps beside it,
 * and the folder `dir` it was made in. */
static inline void
kt_test_remove_register (const char *dir,
                         const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
  g_rmdir (dir);
}

/* A fresh register filled with a demo shop whose history ends on a fixed
 * day, so that every run sees the same members. */
static inline void
kt_test_register_open_demo (KtTestRegister *reg,
                            guint           members,
                            guint           purchases,
                            guint64         seed)
{
  KtDemoOptions options = { members, purchases, seed, "2026-06-30" };
  g_autoptr(GError) error = NULL;

  kt_test_register_open (reg);
  g_assert_true (kt_store_fill_demo (reg->store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
}

static inline void
kt_test_register_close (KtTestRegister *reg)
{
  g_clear_pointer (&reg->store, kt_store_close);
  kt_test_remove_register (reg->dir, reg->path);
  g_clear_pointer (&reg->path, g_free);
  g_clear_pointer (&reg->dir, g_free);
}

/* The shop's card prefix in the card tests, so that the numbers the
 * register hands out are known in advance. */
#define KT_TEST_SHOP_PREFIX 42

/* A g_test_add() fixture: a fresh register with KT_TEST_SHOP_PREFIX as the
 * shop's card prefix. */
static inline void
kt_test_shop_set_up (KtTestRegister *reg,
                     gconstpointer   data)
{
  g_autoptr(GError) error = NULL;

  kt_test_register_open (reg);
  kt_store_set_setting (reg->store, KT_SETTING_CARD_PREFIX,
                        G_STRINGIFY (KT_TEST_SHOP_PREFIX), &error);
  g_assert_no_error (error);
}

static inline void
kt_test_shop_tear_down (KtTestRegister *reg,
                        gconstpointer   data)
{
  kt_test_register_close (reg);
}

/* Adds a member with the given name, phone and e-mail; returns the id. */
static inline gint64
kt_test_add_member (KtStore    *store,
                    const char *name,
                    const char *phone,
                    const char *email)
{
  g_autoptr(KtMember) member = kt_member_new ();
  g_autoptr(GError) error = NULL;

  kt_member_set_string (&member->name, name);
  kt_member_set_string (&member->phone, phone);
  kt_member_set_string (&member->email, email);
  g_assert_true (kt_store_member_add (store, member, &error));
  g_assert_no_error (error);
  g_assert_cmpint (member->id, >, 0);
  return member->id;
}

/* Issues a card to the member; returns its number. */
static inline char *
kt_test_issue_card (KtStore *store,
                    gint64   member_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) card = kt_store_card_issue (store, member_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (card);
  return g_strdup (card->number);
}

/* Issues a card to the member and blocks it; returns its number. */
static inline char *
kt_test_issue_blocked_card (KtStore *store,
                            gint64   member_id)
{
  g_autoptr(GError) error = NULL;
  char *number = kt_test_issue_card (store, member_id);

  g_assert_true (kt_store_card_block (store, number, &error));
  g_assert_no_error (error);
  return number;
}
