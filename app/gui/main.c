/* main.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kartoteka"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "kt-application.h"

int
main (int   argc,
      char *argv[])
{
  /* First of all: --benchmark measures start-up from here. */
  gint64 started_at = g_get_monotonic_time ();
  g_autoptr(KtApplication) application = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = kt_application_new (started_at);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
