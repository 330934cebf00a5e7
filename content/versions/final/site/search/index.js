visieSearch.load("index",{"chunks":["0","komt","vraagstuk"],"sections":60,"stemmer":"dutch","version":1});
