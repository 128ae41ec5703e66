# Live candles over Binance WebSockets and the recorder (issue 3).
target_sources(candlewick_providers PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/klineevent.h
    ${CMAKE_CURRENT_LIST_DIR}/klineeventparser.h ${CMAKE_CURRENT_LIST_DIR}/klineeventparser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/streamlogging.h ${CMAKE_CURRENT_LIST_DIR}/streamlogging.cpp
    ${CMAKE_CURRENT_LIST_DIR}/streamconnection.h ${CMAKE_CURRENT_LIST_DIR}/streamconnection.cpp
    ${CMAKE_CURRENT_LIST_DIR}/binancewebsocketprovider.h ${CMAKE_CURRENT_LIST_DIR}/binancewebsocketprovider.cpp
)
target_sources(candlewick_providers PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/recorder.h ${CMAKE_CURRENT_LIST_DIR}/recorder.cpp
)
