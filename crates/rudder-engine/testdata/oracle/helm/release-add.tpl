{{ add .Release.Revision 1 }} {{ eq .Release.Revision 1 }}
