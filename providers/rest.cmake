# Binance REST history provider (helper "rest").
target_sources(candlewick_providers PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/binanceerrors.h ${CMAKE_CURRENT_LIST_DIR}/binanceerrors.cpp
    ${CMAKE_CURRENT_LIST_DIR}/binancehistoryjob.h ${CMAKE_CURRENT_LIST_DIR}/binancehistoryjob.cpp
    ${CMAKE_CURRENT_LIST_DIR}/binancerestprovider.h ${CMAKE_CURRENT_LIST_DIR}/binancerestprovider.cpp
    ${CMAKE_CURRENT_LIST_DIR}/binancesymbolsjob.h ${CMAKE_CURRENT_LIST_DIR}/binancesymbolsjob.cpp
    ${CMAKE_CURRENT_LIST_DIR}/endpoints.h ${CMAKE_CURRENT_LIST_DIR}/endpoints.cpp
    ${CMAKE_CURRENT_LIST_DIR}/klinesparser.h ${CMAKE_CURRENT_LIST_DIR}/klinesparser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/restcall.h ${CMAKE_CURRENT_LIST_DIR}/restcall.cpp
    ${CMAKE_CURRENT_LIST_DIR}/restlogging.h ${CMAKE_CURRENT_LIST_DIR}/restlogging.cpp
    ${CMAKE_CURRENT_LIST_DIR}/retrypolicy.h ${CMAKE_CURRENT_LIST_DIR}/retrypolicy.cpp
    ${CMAKE_CURRENT_LIST_DIR}/requestweightlimiter.h ${CMAKE_CURRENT_LIST_DIR}/requestweightlimiter.cpp
)
