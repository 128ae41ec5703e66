<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RsiThresholdStrategy</name>
    <message>
        <source>RSI(%1) rose through %2: %3</source>
        <translation>RSI(%1) 向上穿越 %2：%3</translation>
    </message>
    <message>
        <source>RSI(%1) fell through %2: %3</source>
        <translation>RSI(%1) 向下穿越 %2：%3</translation>
    </message>
</context>
</TS>
