#pragma once
// Shared tail of every CLV fit (kpikit::detail): optimise in log-parameters,
// turn the optimum into a ModelFit with standard errors and warnings.
#include <string>
#include <vector>

#include "clv/models.h"
#include "clv/numeric.h"

namespace kpikit::detail {

// neg_ll: minus the log-likelihood as a function of log-parameters.
// start: natural (positive) starting values.
ModelFit run_fit(const std::string& model, std::vector<std::string> names, const Objective& neg_ll,
                 const std::vector<double>& start, double observations, std::size_t rows);

void add_warning(ModelFit& fit, const std::string& code, const std::string& message);

}  // namespace kpikit::detail
