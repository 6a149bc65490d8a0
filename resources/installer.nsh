; Included by electron-builder's NSIS installer (nsis.include in electron-builder.yml).
; Courier appears under "Open with" for .csv files; the default program for .csv is left alone
; (electron-builder's fileAssociations would write Software\Classes\.csv's default value).
!macro customInstall
  WriteRegStr SHCTX "Software\Classes\Courier.csv" "" "CSV data table"
  WriteRegStr SHCTX "Software\Classes\Courier.csv\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHCTX "Software\Classes\Courier.csv\shell\open" "" "Check with Courier"
  WriteRegStr SHCTX "Software\Classes\Courier.csv\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  WriteRegNone SHCTX "Software\Classes\.csv\OpenWithProgids" "Courier.csv"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend

!macro customUnInstall
  DeleteRegValue SHCTX "Software\Classes\.csv\OpenWithProgids" "Courier.csv"
  DeleteRegKey SHCTX "Software\Classes\Courier.csv"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend
