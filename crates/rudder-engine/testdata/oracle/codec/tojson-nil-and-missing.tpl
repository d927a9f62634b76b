{{ toJson nil }}|{{ toJson .Values.nope }}|{{ toJson .Values.nil }}
