{{ trimAll `` `;;` | quote }}
{{ trimAll `-` `a` | quote }}
{{ trimAll `,b` `,;a-éaab` | quote }}
{{ trimAll `` `;;,ba;a` | quote }}
{{ trimAll `` `;` | quote }}
{{ trimAll `-,,` `;a-;éé` | quote }}
{{ trimAll ` ab` `日b日; é` | quote }}
{{ trimAll `ab` `;` | quote }}
{{ trimAll `` `-,,-éé日` | quote }}
{{ trimAll `ééé` ` ,,aé,-` | quote }}
{{ trimAll `-` `,,,` | quote }}
{{ trimAll ` ` `,,` | quote }}
{{ trimAll `` `;éé,` | quote }}
{{ trimAll ` -` `日` | quote }}
{{ trimAll `,,` ` b,éb` | quote }}
{{ trimAll ` ` `aa;éé,,é,,` | quote }}
{{ trimAll `éb` `日a` | quote }}
{{ trimAll `ab;` `` | quote }}
{{ trimAll `-` `ab日;éa` | quote }}
{{ trimAll `-` `` | quote }}
{{ trimAll `b` `;é` | quote }}
{{ trimAll `,,` `b-ab` | quote }}
{{ trimAll ` ab,,` `,,,é;日b-` | quote }}
{{ trimAll `;` `,;` | quote }}
{{ trimAll `` ` é` | quote }}
{{ trimAll `a` `bab;;b` | quote }}
{{ trimAll `;abé` `aba` | quote }}
{{ trimAll `é` `,,aaé ,,é` | quote }}
{{ trimAll ` ` `,,` | quote }}
{{ trimAll `ab-` `abb é日` | quote }}
{{ trimAll `` `béa,` | quote }}
{{ trimAll `;é` `-- 日` | quote }}
{{ trimAll `` `,-ab` | quote }}
{{ trimAll `日ab;` `éab ab` | quote }}
{{ trimAll `ab-` `é,` | quote }}
{{ trimAll `b日` `,,ab;日 ` | quote }}
{{ trimAll ` ` `a;b` | quote }}
{{ trimAll `` `` | quote }}
{{ trimAll `ab é` `,ab 日a日,,,,` | quote }}
{{ trimAll `,abab` `aéé ;` | quote }}
