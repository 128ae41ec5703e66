# Desktop UI benchmarks (issue 5). Print BENCH lines; never pass/fail on time.
# candlewick-bench-chart: chart_open_year, chart_frame_* (1600x1000 offscreen).
qt_add_executable(candlewick-bench-chart ${CMAKE_CURRENT_LIST_DIR}/chart_bench.cpp)
target_link_libraries(candlewick-bench-chart PRIVATE Candlewick::Ui)
# candlewick-bench-gui: gui_responsiveness_download/_replay, gui_open_year, gui_peak_memory.
qt_add_executable(candlewick-bench-gui ${CMAKE_CURRENT_LIST_DIR}/gui_bench.cpp)
target_link_libraries(candlewick-bench-gui PRIVATE Candlewick::Ui)
