# The `record` command (issue 3). The lead registers RecordCommand in commandregistry.cpp.
target_sources(candlewick-cli PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/recordcommand.h ${CMAKE_CURRENT_LIST_DIR}/recordcommand.cpp
)
