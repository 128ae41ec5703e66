# Issue 3: live ingest through the WebSocket provider and the Recorder, from the fake in its own thread.
if(TARGET candlewick_fakews)
    qt_add_executable(candlewick-bench-live live_ingest.cpp)
    target_link_libraries(candlewick-bench-live PRIVATE Candlewick::Providers candlewick_fakews)
endif()
