{{ split `ab` `-é日日ab ` }}
{{ split `,` ` ` }}
{{ split `,` `` }}
{{ split `,` `ab` }}
{{ split `;` `,,é,,-abé ;` }}
{{ split `é` `b,,é` }}
{{ split `;` `a` }}
{{ split `` `é-aab日日` }}
{{ split `ab` `-é ;ab` }}
{{ split `é` `aé` }}
{{ split `,` `,,, ébaba ` }}
{{ split `;` `,日;b;é` }}
{{ split `` `  é` }}
{{ split `ab` `日 日` }}
{{ split `é` `ab` }}
{{ split `ab` `,,a日` }}
{{ split `ab` `a` }}
{{ split `,` ` 日` }}
{{ split `é` `,,,,b` }}
{{ split `` `` }}
{{ split `ab` `;,,日a,,;` }}
{{ split `ab` `,é` }}
{{ split `;` `,,` }}
{{ split `é` `,日` }}
{{ split `é` `` }}
{{ split `é` `日;a` }}
{{ split `é` `,,ab,,` }}
{{ split `,` `日 b` }}
{{ split `é` `` }}
{{ split `ab` `,,` }}
{{ split `,` `a,,;aa- ` }}
{{ split `` `,ab,,,é,,` }}
{{ split `ab` `日,,,日日; -` }}
{{ split `` `-ab` }}
{{ split `` `abb` }}
{{ split `` `,---é` }}
{{ split `ab` `ab a,` }}
{{ split `;` `;;bab` }}
{{ split `é` `,,日;` }}
{{ split `é` `,, ` }}
