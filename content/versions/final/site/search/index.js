visieSearch.load("index",{"chunks":["0","kunn","waartoe"],"sections":57,"stemmer":"dutch","version":1});
