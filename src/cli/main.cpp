// kpikit: the command-line face of the KPIkit core.
//
//   kpikit calc <calculator> --<input> VALUE ... [--locale de|en] [--json]
//   kpikit --help
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "cli/commands.h"

namespace {

struct Command {
  const char* name;
  int (*run)(int, char**);
  const char* summary;
};

const Command kCommands[] = {
    {"calc", kpikit::cli::run_calc_command, "compute one KPI from a few numbers (crr, churn, ...)"},
    {"analyze", kpikit::cli::run_analyze_command, "retention report of an order history or customer list file"},
    {"clv", kpikit::cli::run_clv_command, "customer lifetime value models: fit BG/NBD, Pareto/NBD, gamma-gamma, BG/BB, sBG; predict per customer"},
    {"inspect", kpikit::cli::run_inspect_command, "detected encoding, dialect, columns and row accounting of a data file"},
};

void print_help() {
  std::printf(
      "kpikit - customer retention KPIs, computed locally\n\n"
      "usage: kpikit <command> [options]\n\ncommands:\n");
  for (const Command& c : kCommands) std::printf("  %-10s %s\n", c.name, c.summary);
  std::printf(
      "\nexamples:\n"
      "  kpikit calc crr --start 150 --end 162 --new 30\n"
      "  kpikit calc churn --start 600 --end 550 --new 0 --json\n"
      "  kpikit calc --help        list the calculators and their inputs\n"
      "\nexit codes: 0 ok, 2 bad input (message on stderr), 1 unexpected failure\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
    print_help();
    return argc < 2 ? 2 : 0;
  }
  try {
    for (const Command& c : kCommands)
      if (!std::strcmp(argv[1], c.name)) return c.run(argc - 2, argv + 2);
    std::fprintf(stderr, "kpikit: unknown command '%s' (try kpikit --help)\n", argv[1]);
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kpikit: unexpected failure: %s\n", e.what());
    return 1;
  }
}
