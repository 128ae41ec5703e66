# Replay and mock providers (issue 4).
target_sources(candlewick_providers PRIVATE
    mockcandlegenerator.h mockcandlegenerator.cpp
    mockhistoryjob.h mockhistoryjob.cpp
    mockprovider.h mockprovider.cpp
    mocksymbolsjob.h mocksymbolsjob.cpp
)
target_sources(candlewick_providers PRIVATE
    replayconsumer.h
    replayhistoryjob.h replayhistoryjob.cpp
    replayprovider.h replayprovider.cpp
    replayreader.h replayreader.cpp
)
