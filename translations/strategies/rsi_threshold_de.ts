<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>RsiThresholdStrategy</name>
    <message>
        <source>RSI(%1) rose through %2: %3</source>
        <translation>RSI(%1) stieg über %2: %3</translation>
    </message>
    <message>
        <source>RSI(%1) fell through %2: %3</source>
        <translation>RSI(%1) fiel unter %2: %3</translation>
    </message>
</context>
</TS>
