// The linked ICU version, for the benchmark's report.
import CICU

let icuVersion = String(cString: zt_icu_version())
