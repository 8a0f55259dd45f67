/* fit_cli.h - the `beatsim fit` subcommand (fit_cli.c). */
#ifndef FIT_CLI_H
#define FIT_CLI_H

/* The text of `beatsim help fit`. */
extern const char fit_cli_help[];

/* Runs `beatsim fit` (argv[0] is "fit"). Returns the exit code: 0, 1 on
 * an internal or I/O failure, 2 on bad input or usage (one message). */
int fit_cli_main(int argc, char **argv);

#endif
