/* kt-test-util.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small helpers shared by the store tests: a register in a fresh temporary
 * folder that disappears with the test.
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

static inline void
kt_test_register_close (KtTestRegister *reg)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_pointer (&reg->store, kt_store_close);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (reg->path, suffixes[i], NULL);
      g_remove (file);
    }
  g_rmdir (reg->dir);
  g_clear_pointer (&reg->path, g_free);
  g_clear_pointer (&reg->dir, g_free);
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
