/* kt-test-raw.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A second program on the register file: plain SQLite access for what the
 * store's API cannot write, or to look at the file as another program
 * would. Any failure ends the test.
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

static inline sqlite3 *
kt_test_raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* Like a real second program, wait for the store's lock rather than
   * fail at once. */
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static inline void
kt_test_raw_exec_on (sqlite3    *db,
                     const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static inline void
kt_test_raw_exec (const char *path,
                  const char *sql)
{
  sqlite3 *db = kt_test_raw_open (path);

  kt_test_raw_exec_on (db, sql);
  sqlite3_close (db);
}

static inline sqlite3_stmt *
kt_test_raw_prepare (sqlite3    *db,
                     const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  return stmt;
}

/* Steps a statement that returns no row, and finalizes it. */
static inline void
kt_test_raw_run (sqlite3_stmt *stmt)
{
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}
