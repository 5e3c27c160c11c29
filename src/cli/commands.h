#pragma once
// The subcommands of the kpikit CLI. Each takes the arguments after its own
// name and returns the process exit code: 0 ok, 2 bad input or usage (a
// one-line message on stderr), 1 an unexpected failure.
namespace kpikit::cli {

int run_calc_command(int argc, char** argv);
int run_analyze_command(int argc, char** argv);
int run_clv_command(int argc, char** argv);
int run_inspect_command(int argc, char** argv);

}  // namespace kpikit::cli
