# The desktop UI library (issue 5): MainWindow, ChartView, panels and dialogs.
qt_add_library(candlewick_ui STATIC
    ${CMAKE_CURRENT_LIST_DIR}/chartmarker.h
    ${CMAKE_CURRENT_LIST_DIR}/chartview.h ${CMAKE_CURRENT_LIST_DIR}/chartview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/apptheme.h ${CMAKE_CURRENT_LIST_DIR}/apptheme.cpp
    ${CMAKE_CURRENT_LIST_DIR}/downloaddialog.h ${CMAKE_CURRENT_LIST_DIR}/downloaddialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/languages.h ${CMAKE_CURRENT_LIST_DIR}/languages.cpp
    ${CMAKE_CURRENT_LIST_DIR}/localdatapanel.h ${CMAKE_CURRENT_LIST_DIR}/localdatapanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/mainwindow.h ${CMAKE_CURRENT_LIST_DIR}/mainwindow.cpp
    ${CMAKE_CURRENT_LIST_DIR}/marketspanel.h ${CMAKE_CURRENT_LIST_DIR}/marketspanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/preferencesdialog.h ${CMAKE_CURRENT_LIST_DIR}/preferencesdialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/providerregistry.h ${CMAKE_CURRENT_LIST_DIR}/providerregistry.cpp
    ${CMAKE_CURRENT_LIST_DIR}/recordpanel.h ${CMAKE_CURRENT_LIST_DIR}/recordpanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/replaypanel.h ${CMAKE_CURRENT_LIST_DIR}/replaypanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/seriesloader.h ${CMAKE_CURRENT_LIST_DIR}/seriesloader.cpp
    ${CMAKE_CURRENT_LIST_DIR}/seriesreader.h ${CMAKE_CURRENT_LIST_DIR}/seriesreader.cpp
    ${CMAKE_CURRENT_LIST_DIR}/settingskeys.h
    ${CMAKE_CURRENT_LIST_DIR}/utcdatetimeedit.h ${CMAKE_CURRENT_LIST_DIR}/utcdatetimeedit.cpp
)
add_library(Candlewick::Ui ALIAS candlewick_ui)
target_include_directories(candlewick_ui PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(candlewick_ui PUBLIC Qt6::Widgets Candlewick::Providers Candlewick::Strategies)

# Translations: lupdate scans the UI sources (and the table model's headers); the .qm files are
# compiled into this library as :/i18n/candlewick_<lang>.qm. Qt 6.4: SOURCES, not SOURCE_TARGETS.
set(CANDLEWICK_TS_FILES
    ${CMAKE_CURRENT_LIST_DIR}/../translations/candlewick_de.ts
    ${CMAKE_CURRENT_LIST_DIR}/../translations/candlewick_zh_CN.ts
)
file(GLOB CANDLEWICK_UI_TR_SOURCES ${CMAKE_CURRENT_LIST_DIR}/*.cpp ${CMAKE_CURRENT_LIST_DIR}/*.h)
qt_add_translations(candlewick_ui
    TS_FILES ${CANDLEWICK_TS_FILES}
    SOURCES ${CANDLEWICK_UI_TR_SOURCES}
        ${CMAKE_CURRENT_LIST_DIR}/../models/candletablemodel.cpp
        ${CMAKE_CURRENT_LIST_DIR}/../app/gui/main.cpp
    RESOURCE_PREFIX /i18n
    LUPDATE_OPTIONS -no-obsolete -locations none
)
