// A sensitivity analysis of one metric, split so that a Sobol analysis can run in chunks of base
// rows (sobol_chunk_rows) on several processes or machines: sensitivity() runs every chunk and
// adds their sums in chunk order; a shard (shard.cpp) runs a range of chunks and keeps each
// chunk's sums for `labsim merge` to add the same way. So any split gives the same bytes.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "explore/sensitivity.hpp"
#include "explore/space.hpp"
#include "labsim/explore.hpp"

namespace labsim::explore {

// `header` with one row per input and year: the inputs (`paths`) of each of `years` ranked by
// their total index, from that year's total sums (totals[k] for years[k]).
SensitivityTable rank_sobol(SensitivityTable header, const std::vector<std::string>& paths,
                            const std::vector<int>& years, const std::vector<SobolSums>& totals);

class SensitivityStudy {
 public:
  // Checks the options as sensitivity() does (InputError for a scenario without uncertain
  // inputs, an unknown institution or year, a sample count out of range).
  SensitivityStudy(const Scenario& scenario, const SensitivityOptions& options);
  SensitivityStudy(const SensitivityStudy&) = delete;
  SensitivityStudy& operator=(const SensitivityStudy&) = delete;

  // The result without its rows: method, metric, institution, columns and (Sobol) evaluations.
  const SensitivityTable& header() const { return header_; }
  const std::vector<int>& years() const { return years_; }  // the years ranked, in order
  int dims() const { return dims_; }
  const std::vector<std::string>& paths() const { return space_.paths(); }

  // Tornado and Morris: the whole analysis.
  SensitivityTable run_one_at_a_time() const;

  // Sobol: chunks of sobol_chunk_rows(N) base rows. run_sobol evaluates chunks [first, last)
  // and calls fold(chunk, year index, sums) for each, in increasing chunk order; finish_sobol
  // ranks the inputs from each year's total (the chunks' sums added in chunk order to an empty
  // SobolSums).
  std::size_t base_rows() const { return base_rows_; }
  std::size_t chunks() const { return base_rows_ ? (base_rows_ + chunk_rows_ - 1) / chunk_rows_ : 0; }
  void run_sobol(std::size_t first, std::size_t last,
                 const std::function<void(std::size_t, std::size_t, const SobolSums&)>& fold) const;
  SensitivityTable finish_sobol(const std::vector<SobolSums>& totals) const;

 private:
  std::vector<std::vector<double>> outputs(const Design& d) const;  // [year][design row]
  std::vector<double> sobol_shift() const;                         // per year

  const Scenario& scenario_;
  const SensitivityOptions& options_;
  InputSpace space_;
  int dims_ = 0;
  std::size_t institution_ = 0;
  std::vector<int> years_, year_indices_;
  SensitivityTable header_;
  std::size_t base_rows_ = 0, chunk_rows_ = 1;
};

}  // namespace labsim::explore
