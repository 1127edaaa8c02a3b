// The list of subcommands. Adding a command: write cli/cmd_NAME.cpp with an
// add_NAME_command function and add it to this table.
#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace kq::cli {

void add_config_command(CLI::App&, Context&);
void add_db_command(CLI::App&, Context&);
void add_llm_command(CLI::App&, Context&);
void add_inspect_command(CLI::App&, Context&);
void add_extract_command(CLI::App&, Context&);
void add_show_command(CLI::App&, Context&);
void add_mine_command(CLI::App&, Context&);
void add_sim_command(CLI::App&, Context&);
void add_backends_command(CLI::App&, Context&);
void add_export_command(CLI::App&, Context&);
void add_eval_command(CLI::App&, Context&);
void add_review_command(CLI::App&, Context&);
void add_run_command(CLI::App&, Context&);
void add_synth_command(CLI::App&, Context&);
void add_verify_command(CLI::App&, Context&);
void add_slurm_command(CLI::App&, Context&);

const std::vector<CommandAdder>& command_adders() {
  static const std::vector<CommandAdder> adders = {
      add_config_command,
      add_db_command,
      add_llm_command,
      add_inspect_command,
      add_extract_command,
      add_show_command,
      add_mine_command,
      add_sim_command,
      add_backends_command,
      add_export_command,
      add_eval_command,
      add_review_command,
      add_run_command,
      add_synth_command,
      add_verify_command,
      add_slurm_command,
  };
  return adders;
}

}  // namespace kq::cli
